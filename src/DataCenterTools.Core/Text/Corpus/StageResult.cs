namespace DataCenterTools.Core.Text.Corpus;

/// <summary>What a stage did to a batch of documents.</summary>
public sealed class StageResult(int count)
{
    public int Count { get; } = count;
    /// <summary>The new text of each document, or null when the stage does not change text.</summary>
    public string?[]? Texts { get; set; }
    public List<StageField> Fields { get; } = [];
    /// <summary>Per document, the reason it is dropped, or null when kept; null array: all kept.</summary>
    public string?[]? Rejections { get; set; }

    public StageField Add(string name, StageFieldKind kind)
    {
        var field = new StageField(name, kind, Count);
        Fields.Add(field);
        return field;
    }

    public string? RejectionOf(int i) => Rejections?[i];
}
