"""Exact Jaccard ground truth for the Text benchmark's recall and precision.

Reads the corpus files and a JSON file of our cluster_id per sampled document id; takes every document of
--families sampled families (all their copies in the corpus), computes the exact Jaccard similarity of every pair
within a family on 5-word shingle sets (normalized as Find-DuplicateText does: lowercase, numbers to 0,
punctuation and symbols to space, combining marks removed; a Han or Kana character is a word), and says which
documents truly have a partner at >= threshold. Prints precision and recall of "in a duplicate cluster".
Cross-family pairs are not enumerated (the base documents are distinct texts), so they count for neither side.
"""
import json, re, sys, unicodedata, itertools

def tokens(text):
    out, buf = [], []
    text = unicodedata.normalize('NFD', text)
    prev_digit = False
    norm = []
    for i, c in enumerate(text):
        cat = unicodedata.category(c)
        if cat == 'Mn': continue
        if cat == 'Nd':
            if not prev_digit: norm.append('0')
            prev_digit = True; continue
        if prev_digit and c in '.,' and i + 1 < len(text) and text[i + 1].isdigit(): continue
        prev_digit = False
        if c.isspace() or cat[0] in 'PSC': norm.append(' '); continue
        norm.append(c.lower())
    for w in ''.join(norm).split():
        cur = ''
        for ch in w:
            cp = ord(ch)
            if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x3040 <= cp <= 0x30FF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3134F:
                if cur: out.append(cur); cur = ''
                out.append(ch)
            else: cur += ch
        if cur: out.append(cur)
    return out

def shingles(text, n=5):
    t = tokens(text)
    return {tuple(t[i:i + n]) for i in range(len(t) - n + 1)}

def main():
    threshold, every = float(sys.argv[1]), int(sys.argv[2])
    files = sys.argv[3:]
    docs, partner_of, wanted, texts = {}, {}, set(), {}
    # Pass 1: the sampled families' documents with our verdict (cluster_id, duplicate_of).
    for f in files:
        for line in open(f, encoding='utf-8'):
            d = json.loads(line)
            if d['family'] % every: continue
            docs.setdefault(d['family'], []).append((d['id'], shingles(d['text'])))
            partner_of[d['id']] = d.get('duplicate_of') if d.get('cluster_id') is not None else None
            if d.get('cluster_id') is not None and d.get('duplicate_of') is None: partner_of[d['id']] = ''  # kept: partner found in pass 2
    kept = {i for i, p in partner_of.items() if p == ''}
    # Pass 2: a partner for each kept document (one it kept), and the texts of partners outside the sample.
    for f in files:
        for line in open(f, encoding='utf-8'):
            d = json.loads(line)
            if d.get('duplicate_of') in kept and partner_of[d['duplicate_of']] == '': partner_of[d['duplicate_of']] = d['id']
    wanted = {p for p in partner_of.values() if p}
    for f in files:
        for line in open(f, encoding='utf-8'):
            d = json.loads(line)
            if d['id'] in wanted: texts[d['id']] = shingles(d['text'])
    families = set(docs)
    truth, pairs, above = {}, 0, 0
    for fam, members in docs.items():
        for did, _ in members: truth[did] = False
        for (ia, sa), (ib, sb) in itertools.combinations(members, 2):
            pairs += 1
            if not sa or not sb: j = 1.0 if sa == sb else 0.0
            else: j = len(sa & sb) / len(sa | sb)
            if j >= threshold:
                above += 1; truth[ia] = truth[ib] = True
    # A clustered document without a partner in its family may be a true duplicate of another family's document
    # (20 Newsgroups has quoted replies): it counts as true when it is within the threshold of its cluster partner.
    cross = 0
    own = {did: sh for members in docs.values() for did, sh in members}
    for did, t in list(truth.items()):
        p = partner_of.get(did)
        if t or not p or p not in texts: continue
        sa, sb = own[did], texts[p]
        j = (len(sa & sb) / len(sa | sb)) if sa and sb else (1.0 if sa == sb else 0.0)
        if j >= threshold: truth[did] = True; cross += 1
    predicted = {d: p is not None for d, p in partner_of.items()}
    tp = sum(1 for d, t in truth.items() if t and predicted.get(d))
    fp = sum(1 for d, t in truth.items() if not t and predicted.get(d))
    fn = sum(1 for d, t in truth.items() if t and not predicted.get(d))
    print(json.dumps({'documents': len(truth), 'cross_family': cross, 'pairs': pairs, 'pairs_above': above, 'true_duplicates': sum(truth.values()),
                      'tp': tp, 'fp': fp, 'fn': fn,
                      'precision': tp / (tp + fp) if tp + fp else 1.0, 'recall': tp / (tp + fn) if tp + fn else 1.0}))

if __name__ == '__main__':
    main()
