using DataCenterTools.Core.Text.Corpus;

namespace DataCenterTools.Core.Text.Contamination;

/// <summary>One evaluation item and the training documents that contain one of its n-grams.</summary>
public sealed record ContaminationItem(string ItemId, int Documents, IReadOnlyList<string> DocumentIds);

/// <summary>Builds the evaluation index from benchmark files, and the per-item report of a run.</summary>
public static class ContaminationReport
{
    public static ContaminationIndex BuildIndex(IReadOnlyList<string> files, int n, CorpusReadOptions read)
    {
        var index = new ContaminationIndex(n);
        foreach (var file in CorpusFiles.Expand(files, read.DocumentPerFile))
            foreach (var doc in CorpusFileReader.Read(file, read)) index.Add(doc.Id, doc.Text);
        return index;
    }

    /// <summary>Every evaluation item with the training documents that hold it; contaminated items first.</summary>
    public static IReadOnlyList<ContaminationItem> Items(ContaminationStage stage)
    {
        var items = new List<ContaminationItem>();
        for (var i = 0; i < stage.ItemCount; i++)
        {
            var docs = stage.DocumentsOf(i);
            items.Add(new ContaminationItem(stage.ItemId(i), docs.Count, docs));
        }
        return items.OrderByDescending(x => x.Documents).ThenBy(x => x.ItemId, StringComparer.Ordinal).ToList();
    }
}
