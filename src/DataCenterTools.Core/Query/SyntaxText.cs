using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>Writes syntax back as text, for error messages and lineage.</summary>
internal static class SyntaxText
{
    public static string Of(SyntaxNode node) => node switch
    {
        LiteralSyntax { Value: null } => "null",
        LiteralSyntax { Value: string s } => "'" + s.Replace("'", "''") + "'",
        LiteralSyntax { Value: bool b } => b ? "true" : "false",
        LiteralSyntax { Value: DateTime t } => "timestamp '" + CellParser.FormatDateTime(t) + "'",
        LiteralSyntax { Value: double d } => d.ToString("R", CultureInfo.InvariantCulture),
        LiteralSyntax l => Convert.ToString(l.Value, CultureInfo.InvariantCulture)!,
        ColumnSyntax c => c.Quoted || !IsPlainName(c.Name) ? "[" + c.Name + "]" : c.Name,
        UnarySyntax { Operator: UnaryOperator.Not } u => "not " + Of(u.Operand),
        UnarySyntax u => "-" + Of(u.Operand),
        BinarySyntax b => $"{Of(b.Left)} {Symbol(b.Operator)} {Of(b.Right)}",
        InSyntax i => $"{Of(i.Value)} {(i.Negated ? "not in" : "in")} ({string.Join(", ", i.List.Select(Of))})",
        PatternSyntax p => $"{Of(p.Value)} {(p.Negated ? "not " : "")}{(p.Kind == PatternKind.Regex ? "-match" : "like")} {Of(p.Pattern)}",
        IsNullSyntax n => $"{Of(n.Value)} is {(n.Negated ? "not " : "")}null",
        BetweenSyntax b => $"{Of(b.Value)} {(b.Negated ? "not " : "")}between {Of(b.Low)} and {Of(b.High)}",
        CallSyntax c => $"{c.Name}({string.Join(", ", c.Arguments.Select(Of))})",
        CastSyntax c => $"{(c.Try ? "try_cast" : "cast")}({Of(c.Value)} as {c.TypeName})",
        CaseSyntax c => "case " + string.Join(" ", c.Branches.Select(b => $"when {Of(b.When)} then {Of(b.Then)}")) + (c.Else == null ? "" : " else " + Of(c.Else)) + " end",
        _ => node.ToString(),
    };

    private static bool IsPlainName(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(ch => char.IsLetterOrDigit(ch) || ch == '_');

    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+", BinaryOperator.Subtract => "-", BinaryOperator.Multiply => "*", BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%", BinaryOperator.Concat => "||", BinaryOperator.Equal => "=", BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<", BinaryOperator.LessOrEqual => "<=", BinaryOperator.Greater => ">", BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.And => "and", _ => "or",
    };
}
