using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace DataCenterTools.Core.Text.Cleaning;

/// <summary>
/// HTML to plain text with AngleSharp's HTML5 parser (the same tree a browser builds, so broken markup is read as a
/// browser reads it): script, style, noscript, template, head and form controls are dropped; block elements
/// (p, div, li, headings, table rows, br…) end a line; runs of whitespace inside text collapse, except in pre.
/// </summary>
public static class HtmlToText
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "head", "svg", "iframe", "object", "select", "button", "textarea" };
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
        "header", "footer", "nav", "aside", "main", "blockquote", "pre", "hr", "figure", "figcaption", "address", "form", "fieldset", "details", "summary",
    };

    /// <summary>Whether the text looks like HTML (a tag or an entity-heavy start), for -Html Auto.</summary>
    public static bool LooksLikeHtml(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 2048)).TrimStart();
        return head.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (head.StartsWith("<") && (head.Contains("</", StringComparison.Ordinal) || head.Contains("/>", StringComparison.Ordinal)));
    }

    public static string Convert(string html)
    {
        var document = Parser.ParseDocument(html);
        var sb = new StringBuilder(html.Length / 2);
        Walk(document.Body ?? (INode)document.DocumentElement, sb, inPre: false);
        return sb.ToString();
    }

    private static void Walk(INode node, StringBuilder sb, bool inPre)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    AppendText(sb, text.Data, inPre);
                    break;
                case IElement element when Dropped.Contains(element.LocalName):
                    break;
                case IElement element:
                    var block = Blocks.Contains(element.LocalName);
                    if (block) EndLine(sb);
                    if (element.LocalName.Equals("td", StringComparison.OrdinalIgnoreCase) || element.LocalName.Equals("th", StringComparison.OrdinalIgnoreCase)) Space(sb);
                    Walk(element, sb, inPre || element.LocalName.Equals("pre", StringComparison.OrdinalIgnoreCase));
                    if (block) EndLine(sb);
                    break;
            }
        }
    }

    private static void AppendText(StringBuilder sb, string data, bool inPre)
    {
        if (inPre) { sb.Append(data); return; }
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c)) Space(sb);
            else sb.Append(c);
        }
    }

    private static void Space(StringBuilder sb)
    {
        if (sb.Length > 0 && sb[^1] is not (' ' or '\n')) sb.Append(' ');
    }

    private static void EndLine(StringBuilder sb)
    {
        while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
        if (sb.Length > 0 && sb[^1] != '\n') sb.Append('\n');
    }
}
