namespace DataCenterTools.Core.Query;

/// <summary>
/// The parsed form of an expression, before names and types are checked: what the user wrote, with the
/// position (0-based character offset) of each part so an error can point at it.
/// </summary>
public abstract record SyntaxNode(int Position);

/// <summary>A literal: a long, double, string, bool, DateTime, or null for NULL.</summary>
public sealed record LiteralSyntax(object? Value, int Position) : SyntaxNode(Position);

public sealed record ColumnSyntax(string Name, int Position, bool Quoted) : SyntaxNode(Position);

public enum UnaryOperator { Negate, Not }

public sealed record UnarySyntax(UnaryOperator Operator, SyntaxNode Operand, int Position) : SyntaxNode(Position);

/// <summary>
/// A binary operation. <paramref name="IgnoreCase"/> is set for PowerShell's comparison operators
/// (-eq, -gt, ...), which compare text without regard to case; the SQL ones (=, &gt;) are case-sensitive.
/// </summary>
public sealed record BinarySyntax(BinaryOperator Operator, SyntaxNode Left, SyntaxNode Right, int Position, bool IgnoreCase = false)
    : SyntaxNode(Position);

public sealed record InSyntax(SyntaxNode Value, IReadOnlyList<SyntaxNode> List, bool Negated, int Position, bool IgnoreCase = false)
    : SyntaxNode(Position);

public sealed record PatternSyntax(SyntaxNode Value, SyntaxNode Pattern, PatternKind Kind, bool Negated, bool IgnoreCase, int Position)
    : SyntaxNode(Position);

public sealed record IsNullSyntax(SyntaxNode Value, bool Negated, int Position) : SyntaxNode(Position);

public sealed record BetweenSyntax(SyntaxNode Value, SyntaxNode Low, SyntaxNode High, bool Negated, int Position) : SyntaxNode(Position);

public sealed record CallSyntax(string Name, IReadOnlyList<SyntaxNode> Arguments, int Position) : SyntaxNode(Position);

public sealed record CastSyntax(SyntaxNode Value, string TypeName, bool Try, int Position, int TypePosition) : SyntaxNode(Position);

public sealed record CaseSyntax(IReadOnlyList<(SyntaxNode When, SyntaxNode Then)> Branches, SyntaxNode? Else, int Position)
    : SyntaxNode(Position);
