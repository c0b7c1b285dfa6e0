namespace DataCenterTools.Core.Text;

/// <summary>A piece of a text (a line, a paragraph) by position, so splitting a document makes no strings.</summary>
public readonly record struct TextRange(int Start, int Length)
{
    public ReadOnlySpan<char> Of(string text) => text.AsSpan(Start, Length);
}
