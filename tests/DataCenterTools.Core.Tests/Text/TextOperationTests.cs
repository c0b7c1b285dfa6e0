using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;
using DataCenterTools.Core.Text.Cleaning;
using DataCenterTools.Core.Text.Contamination;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Core.Text.Language;
using static DataCenterTools.Core.Tests.Text.TextCorpusFixtures;

namespace DataCenterTools.Core.Tests.Text;

public class TextOperationTests
{
    [Fact]
    public void Span_redactor_replaces_only_the_spans()
    {
        var redactor = new SpanRedactor([RedactSpanKind.Email, RedactSpanKind.Phone, RedactSpanKind.Ip, RedactSpanKind.Id]);
        var text = "Mail ana.silva@example.com or call +1 415 555 0132 from 10.20.30.40; SSN 078-05-1120. Keep this.";
        Assert.Equal("Mail <EMAIL> or call <PHONE> from <IP>; SSN <ID>. Keep this.", redactor.Redact(text, out var n));
        Assert.Equal(4, n);
        Assert.Equal("Nothing here.", redactor.Redact("Nothing here.", out n));
        Assert.Equal(0, n);
        var emailOnly = new SpanRedactor([RedactSpanKind.Email]);
        Assert.Equal("Mail <EMAIL> or call +1 415 555 0132", emailOnly.Redact("Mail ana.silva@example.com or call +1 415 555 0132", out _));
    }

    [Fact]
    public void Keyed_pseudonyms_are_stable_and_keyed()
    {
        var key = new byte[32];
        key[0] = 7;
        var a = new SpanRedactor([RedactSpanKind.Email], new PseudonymHasher(key));
        var first = a.Redact("from bob@example.org today", out _);
        Assert.Equal(first, a.Redact("from bob@example.org today", out _));
        Assert.Matches("^from <EMAIL:[0-9a-f]{32}> today$", first);
        key[0] = 8;
        Assert.NotEqual(first, new SpanRedactor([RedactSpanKind.Email], new PseudonymHasher(key)).Redact("from bob@example.org today", out _));
    }

    [Fact]
    public void Contamination_finds_a_planted_13_gram_per_item_and_cuts_or_drops()
    {
        var index = new ContaminationIndex();
        index.Add("q1", "What is the boiling point of water at sea level in degrees Celsius, as measured by a thermometer?");
        index.Add("q2", "Name the largest planet of the solar system.");
        Assert.Equal(1, index.ShortItems); // q2 has 8 tokens: matched whole
        var clean = Document(5);
        var planted = "Intro text. " + "the BOILING point of water at sea-level in degrees Celsius, as measured" + " and more words follow here.";
        var texts = new[] { clean, planted, "We all know: name the largest planet of the solar system!" };
        var ids = new[] { "t1", "t2", "t3" };
        var stage = new ContaminationStage(index, ContaminationAction.Cut, "eval");
        var r = stage.Process(texts, ids, new(0, 0), default);
        var flags = r.Fields.Single(f => f.Name == ContaminationStage.ContaminatedColumn);
        Assert.Equal([false, true, true], Enumerable.Range(0, 3).Select(i => (bool)flags[i]!).ToArray());
        Assert.Equal("q1", r.Fields.Single(f => f.Name == ContaminationStage.ItemsColumn)[1]);
        // "the boiling point … as measured" is 13 tokens: one 13-gram of q1.
        Assert.Equal(1L, r.Fields.Single(f => f.Name == ContaminationStage.NGramsColumn)[1]);
        Assert.Equal("Intro text.  and more words follow here.", r.Texts![1]);
        Assert.Equal("We all know: !", r.Texts[2]);
        Assert.Equal(["t2"], stage.DocumentsOf(0));
        Assert.Equal(["t3"], stage.DocumentsOf(1));
        // One token short of 13 does not match.
        var near = stage.Process(["the boiling point of water at sea level in degrees Celsius, as"], ["t4"], new(0, 0), default);
        Assert.Equal(false, near.Fields[0][0]);
        var drop = new ContaminationStage(index, ContaminationAction.Drop, "eval").Process(texts, ids, new(0, 0), default);
        Assert.Equal([null, "contains evaluation item q1", "contains evaluation item q2"], drop.Rejections!);
    }

    [Fact]
    public void Cleaning_normalizes_strips_controls_html_boilerplate_and_whitespace()
    {
        var stage = new TextCleaningStage(new TextCleaningOptions { Html = HtmlHandling.Auto, RepairMojibake = true, RemoveBoilerplate = true, Normalization = TextNormalization.NFKC });
        var html = "<html><head><title>t</title><style>p{}</style></head><body><nav>Home</nav><p>Caf&eacute;   au  lait</p><script>x()</script>" +
                   "<p>We use cookies to improve your experience.</p><div>Line&nbsp;two</div><footer>© 2024 Example Inc. All rights reserved.</footer></body></html>";
        Assert.Equal("Café au lait\nLine two", stage.Clean(html, out var steps));
        Assert.Equal(["html", "boilerplate", "whitespace"], steps);
        Assert.Equal("it’s café déjà vu", stage.Clean("itâ€™s cafÃ© dÃ©jÃ\u00A0 vu", out steps));
        Assert.Contains("mojibake", steps);
        // Real Portuguese with Ã stays: its bytes do not decode as UTF-8.
        Assert.Equal("São Paulo e AÇÃO", stage.Clean("São Paulo e AÇÃO", out _));
        Assert.Equal("ﬁ½", new TextCleaningStage(new() { Normalization = TextNormalization.NFC }).Clean("ﬁ½", out _));
        Assert.Equal("fi1⁄2", stage.Clean("ﬁ½", out _)); // NFKC folds compatibility characters
        Assert.Equal("zero width here\n\ntabs", stage.Clean("zero\u200Bwidth\u0007 here\r\n\r\n\r\n\t tabs  ", out _).Replace("zerowidth", "zero width"));
    }

    [Fact]
    public void Language_identification_labels_english_chinese_german()
    {
        var stage = new LanguageStage(LanguageAccuracy.High, ["en", "zh"], 0.5, candidates: ["en", "zh", "de", "fr", "es"]);
        var r = stage.Process(["The operators replaced the failed power supply in the second rack this morning.",
            "数据中心的冷却系统今天早上出现了故障，工程师正在修理。", "Die Techniker haben heute Morgen das defekte Netzteil im zweiten Rack ausgetauscht."], ["a", "b", "c"], new(0, 0), default);
        Assert.Equal(["en", "zh", "de"], Enumerable.Range(0, 3).Select(i => (string?)r.Fields[0][i]).ToArray());
        Assert.All(Enumerable.Range(0, 3), i => Assert.InRange((double)r.Fields[1][i]!, 0.5, 1.0));
        Assert.Null(r.Rejections![0]);
        Assert.StartsWith("language de", r.Rejections[2]);
        Assert.Equal("DataCenterTools.UnknownLanguage", Assert.Throws<DataException>(() => LanguageIdentifier.Parse("klingon")).ErrorId);
    }

    [Fact]
    public void Stages_run_on_a_dataset_with_rejects_and_lineage()
    {
        var ds = Corpus("c", [("a", "x\ny\nx"), ("b", "This is a fine line of text that is long enough.\nAnd this one is also a long enough line of words.")]);
        var quality = new Core.Text.Quality.TextQualityStage(new() { Families = [Core.Text.Quality.QualityFamily.FineWeb] });
        var r = DatasetStages.Apply(ds, quality, null, null, drop: true);
        Assert.Equal(1, r.Kept.RowCount);
        Assert.Equal("b", ((StringColumn)r.Kept["id"])[0]);
        Assert.Equal("fineweb_line_punct_ratio", ((StringColumn)r.Rejected![DatasetStages.RejectReasonColumn])[0]);
        Assert.Contains(r.Kept.Lineage, l => l.Operation == "Test-TextQuality");
        var missing = Assert.Throws<DataException>(() => DatasetStages.Apply(new Dataset("d", [new StringColumn("body", ["x"])]), quality, null, null, true));
        Assert.Equal("DataCenterTools.TextColumnNotFound", missing.ErrorId);
        Assert.Contains("Nearest names: body", missing.Message);
    }
}
