"""The Gopher (quality and repetition), C4 and FineWeb rules in plain Python, written from datatrove's definitions
(the same thresholds and order), on Debian's python3: the peer of Test-TextQuality in the Text benchmark.
Words: whitespace-separated pieces split into runs of word characters and runs of punctuation (NLTK's word_tokenize
needs models this machine cannot download). Prints one JSON line: documents, passed, bytes, seconds, cpu_seconds.
"""
import json, re, sys, time
from collections import Counter

WORD = re.compile(r"\w+(?:'\w+)*|[^\w\s]+")
STOP = {"the", "be", "to", "of", "and", "that", "have", "with"}
TERMINAL = set('.!?。！？')
CITATION = re.compile(r"\[\d*]|\[edit]|\[citation needed]")
POLICY = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"]

def dup(items):
    seen, n, chars = set(), 0, 0
    for x in items:
        if x in seen: n += 1; chars += len(x)
        else: seen.add(x)
    return n, chars

def gopher(text):
    words = WORD.findall(text)
    nonsym = [w for w in words if any(c.isalnum() for c in w)]
    n = len(words)
    if not 50 <= len(nonsym) <= 100000: return 'gopher_word_count'
    mean = sum(map(len, nonsym)) / len(nonsym)
    if not 3 <= mean <= 10: return 'gopher_mean_word_length'
    if text.count('#') / n > 0.1: return 'gopher_hash_ratio'
    if (text.count('...') + text.count('…')) / n > 0.1: return 'gopher_ellipsis_ratio'
    lines = text.splitlines() or ['']
    if sum(l.lstrip().startswith(('•', '-')) for l in lines) / len(lines) > 0.9: return 'gopher_bullet_lines'
    if sum(l.rstrip().endswith(('...', '…')) for l in lines) / len(lines) > 0.3: return 'gopher_ellipsis_lines'
    if sum(any(c.isalpha() for c in w) for w in words) / n < 0.8: return 'gopher_alpha_words'
    if len(STOP.intersection(words)) < 2: return 'gopher_stop_words'
    paras = re.split(r'\n{2,}', text.strip())
    d, c = dup(paras)
    if d / len(paras) > 0.3: return 'gopher_dup_para_frac'
    if c / len(text) > 0.2: return 'gopher_dup_para_char_frac'
    ls = re.split('\n+', text)
    d, c = dup(ls)
    if d / len(ls) > 0.3: return 'gopher_dup_line_frac'
    if c / len(text) > 0.2: return 'gopher_dup_line_char_frac'
    for k, frac in ((2, 0.2), (3, 0.18), (4, 0.16)):
        grams = [' '.join(words[i:i + k]) for i in range(len(words) - k + 1)]
        if grams:
            g, cnt = Counter(grams).most_common(1)[0]
            if len(g) * cnt / len(text) > frac: return f'gopher_top_{k}gram'
    for k, frac in ((5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11), (10, 0.10)):
        seen, rep, i = set(), 0, 0
        while i < len(words) - k + 1:
            g = ''.join(words[i:i + k])
            if g in seen: rep += len(g); i += k
            else: seen.add(g); i += 1
        if rep / len(text) > frac: return f'gopher_dup_{k}gram'
    return None

def c4(text):
    sentences = 0
    for line in text.splitlines():
        line = line.strip()
        words = line.split()
        if any(len(w) > 1000 for w in words): continue
        line = CITATION.sub('', line)
        if not line.endswith(('.', '?', '!', '"', "'")) or line.endswith('...'): continue
        if len(words) < 3: continue
        low = line.lower()
        if 'lorem ipsum' in low: return 'c4_lorem_ipsum'
        if '{' in line: return 'c4_curly_bracket'
        if 'javascript' in low or any(p in low for p in POLICY): continue
        sentences += max(1, len(re.findall(r'[.!?]+(?=\s|$)', line)))
    return 'c4_min_sentences' if sentences < 5 else None

def fineweb(text):
    lines = [l for l in text.split('\n') if l.strip()]
    if not lines: return 'fineweb_empty'
    if sum(1 for l in lines if l[-1] in TERMINAL) / len(lines) < 0.12: return 'fineweb_line_punct_ratio'
    if sum(1 for l in lines if len(l) <= 30) / len(lines) > 0.67: return 'fineweb_short_line_ratio'
    if dup(lines)[1] / max(1, len(text.replace('\n', ''))) > 0.01: return 'fineweb_char_dup_ratio'
    if text.count('\n') / max(1, len(WORD.findall(text))) > 0.3: return 'fineweb_list_ratio'
    return None

def main():
    start, cpu0 = time.perf_counter(), time.process_time()
    docs = passed = nbytes = 0
    for f in sys.argv[1:]:
        with open(f, 'rb') as fh:
            for line in fh:
                nbytes += len(line); docs += 1
                text = json.loads(line)['text']
                # Every family is evaluated (as Test-TextQuality scores every rule), not stopped at the first failure.
                results = [gopher(text), c4(text), fineweb(text)]
                if not any(results): passed += 1
    print(json.dumps({'documents': docs, 'passed': passed, 'bytes': nbytes, 'seconds': time.perf_counter() - start, 'cpu_seconds': time.process_time() - cpu0}))

if __name__ == '__main__':
    main()
