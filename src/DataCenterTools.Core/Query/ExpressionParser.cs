using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>
/// Parses the expression language of -Filter and -Expression into syntax nodes: a recursive-descent parser
/// over a small hand-written tokenizer. Written here rather than taken from System.Linq.Dynamic.Core or
/// DynamicExpresso because those parse C#-like syntax into per-row delegates; this language is SQL's
/// (and PowerShell's -eq/-gt/-like), with quoted names such as [Timestamp [ms]], and is evaluated a whole
/// column at a time.
/// Precedence, lowest first: or; and; not; comparisons (= != &lt; ... is null, in, like, between); ||;
/// + -; * / %; unary -.
/// </summary>
public sealed class ExpressionParser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _next;

    private ExpressionParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    public static SyntaxNode Parse(string expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
            throw ExpressionError.Invalid(expression ?? "", 0, "The expression is empty.");
        var parser = new ExpressionParser(expression);
        var node = parser.ParseOr();
        var end = parser.Peek;
        if (end.Kind != TokenKind.End)
            throw parser.Error(end, $"Unexpected {Describe(end)} after a complete expression",
                "An operator (and, or, =, +, ...) is missing, or a parenthesis is unbalanced.");
        return node;
    }

    private enum TokenKind { Identifier, QuotedIdentifier, Number, String, Symbol, DashOperator, End }

    private readonly record struct Token(TokenKind Kind, string Text, int Position, object? Value = null)
    {
        public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);
        public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "not", "in", "like", "ilike", "is", "null", "true", "false", "between", "case", "when", "then", "else", "end", "cast", "try_cast", "as",
    };

    // PowerShell's comparison and logical operators, accepted as spelled in a Where-Object script block.
    private static readonly HashSet<string> DashOperators = new(StringComparer.OrdinalIgnoreCase)
    {
        "eq", "ne", "gt", "ge", "lt", "le", "ieq", "ine", "igt", "ige", "ilt", "ile", "ceq", "cne", "cgt", "cge", "clt", "cle",
        "and", "or", "not", "like", "notlike", "ilike", "inotlike", "clike", "cnotlike", "match", "notmatch", "imatch", "inotmatch", "cmatch", "cnotmatch",
        "in", "notin", "iin", "inotin", "cin", "cnotin",
    };

    private Token Peek => _tokens[_next];
    private Token Take() => _tokens[_next++];

    private SyntaxNode ParseOr()
    {
        var left = ParseAnd();
        while (Peek.IsKeyword("or") || IsDash(Peek, "or"))
        {
            var op = Take();
            left = new BinarySyntax(BinaryOperator.Or, left, ParseAnd(), op.Position);
        }
        return left;
    }

    private SyntaxNode ParseAnd()
    {
        var left = ParseNot();
        while (Peek.IsKeyword("and") || IsDash(Peek, "and"))
        {
            var op = Take();
            left = new BinarySyntax(BinaryOperator.And, left, ParseNot(), op.Position);
        }
        return left;
    }

    private SyntaxNode ParseNot()
    {
        if (Peek.IsKeyword("not") || IsDash(Peek, "not") || Peek.IsSymbol("!"))
        {
            var op = Take();
            return new UnarySyntax(UnaryOperator.Not, ParseNot(), op.Position);
        }
        return ParseComparison();
    }

    private SyntaxNode ParseComparison()
    {
        var left = ParseConcat();
        while (true)
        {
            var t = Peek;
            if (t.Kind == TokenKind.Symbol && ComparisonSymbol(t.Text) is { } op)
            {
                Take();
                left = new BinarySyntax(op, left, ParseConcat(), t.Position);
                continue;
            }
            if (t.Kind == TokenKind.DashOperator)
            {
                var name = t.Text.ToLowerInvariant();
                var ignoreCase = !name.StartsWith('c');
                var bare = name.StartsWith('c') || name.StartsWith('i') && name != "in" ? name[1..] : name;
                if (bare is "and" or "or" or "not") return left;
                Take();
                switch (bare)
                {
                    case "eq": left = new BinarySyntax(BinaryOperator.Equal, left, ParseConcat(), t.Position, ignoreCase); break;
                    case "ne": left = new BinarySyntax(BinaryOperator.NotEqual, left, ParseConcat(), t.Position, ignoreCase); break;
                    case "gt": left = new BinarySyntax(BinaryOperator.Greater, left, ParseConcat(), t.Position, ignoreCase); break;
                    case "ge": left = new BinarySyntax(BinaryOperator.GreaterOrEqual, left, ParseConcat(), t.Position, ignoreCase); break;
                    case "lt": left = new BinarySyntax(BinaryOperator.Less, left, ParseConcat(), t.Position, ignoreCase); break;
                    case "le": left = new BinarySyntax(BinaryOperator.LessOrEqual, left, ParseConcat(), t.Position, ignoreCase); break;
                    case "like": left = new PatternSyntax(left, ParseConcat(), PatternKind.Wildcard, false, ignoreCase, t.Position); break;
                    case "notlike": left = new PatternSyntax(left, ParseConcat(), PatternKind.Wildcard, true, ignoreCase, t.Position); break;
                    case "match": left = new PatternSyntax(left, ParseConcat(), PatternKind.Regex, false, ignoreCase, t.Position); break;
                    case "notmatch": left = new PatternSyntax(left, ParseConcat(), PatternKind.Regex, true, ignoreCase, t.Position); break;
                    case "in": left = new InSyntax(left, ParseDashList(), false, t.Position, ignoreCase); break;
                    case "notin": left = new InSyntax(left, ParseDashList(), true, t.Position, ignoreCase); break;
                }
                continue;
            }
            if (t.IsKeyword("is"))
            {
                Take();
                var negated = false;
                if (Peek.IsKeyword("not")) { Take(); negated = true; }
                if (!Peek.IsKeyword("null")) throw Error(Peek, $"Expected 'null' after 'is{(negated ? " not" : "")}' but found {Describe(Peek)}");
                Take();
                left = new IsNullSyntax(left, negated, t.Position);
                continue;
            }
            var not = false;
            if (t.IsKeyword("not") && (_tokens[_next + 1].IsKeyword("in") || _tokens[_next + 1].IsKeyword("like") ||
                                         _tokens[_next + 1].IsKeyword("ilike") || _tokens[_next + 1].IsKeyword("between")))
            {
                Take();
                not = true;
                t = Peek;
            }
            if (t.IsKeyword("in")) { Take(); left = new InSyntax(left, ParseList(), not, t.Position); continue; }
            if (t.IsKeyword("like") || t.IsKeyword("ilike"))
            {
                Take();
                left = new PatternSyntax(left, ParseConcat(), PatternKind.SqlLike, not, t.IsKeyword("ilike"), t.Position);
                continue;
            }
            if (t.IsKeyword("between"))
            {
                Take();
                var low = ParseConcat();
                if (!Peek.IsKeyword("and")) throw Error(Peek, $"Expected 'and' in 'between ... and ...' but found {Describe(Peek)}");
                Take();
                left = new BetweenSyntax(left, low, ParseConcat(), not, t.Position);
                continue;
            }
            if (not) throw Error(t, "Expected 'in', 'like' or 'between' after 'not'");
            return left;
        }
    }

    private static BinaryOperator? ComparisonSymbol(string s) => s switch
    {
        "=" or "==" => BinaryOperator.Equal,
        "!=" or "<>" => BinaryOperator.NotEqual,
        "<" => BinaryOperator.Less,
        "<=" => BinaryOperator.LessOrEqual,
        ">" => BinaryOperator.Greater,
        ">=" => BinaryOperator.GreaterOrEqual,
        _ => null,
    };

    private List<SyntaxNode> ParseList()
    {
        var open = Peek;
        if (!open.IsSymbol("(")) throw Error(open, $"Expected '(' to start the list after 'in' but found {Describe(open)}", "Write the values in parentheses: region in ('cn-east', 'cn-west').");
        Take();
        var items = new List<SyntaxNode>();
        if (Peek.IsSymbol(")")) throw Error(Peek, "The list after 'in' is empty");
        while (true)
        {
            items.Add(ParseConcat());
            if (Peek.IsSymbol(",")) { Take(); continue; }
            if (Peek.IsSymbol(")")) { Take(); return items; }
            throw Error(Peek, $"Expected ',' or ')' in the list but found {Describe(Peek)}");
        }
    }

    /// <summary>After -in: a list in parentheses, or values separated by commas as PowerShell writes them ('a', 'b').</summary>
    private List<SyntaxNode> ParseDashList()
    {
        if (Peek.IsSymbol("(")) return ParseList();
        var items = new List<SyntaxNode> { ParseConcat() };
        while (Peek.IsSymbol(",")) { Take(); items.Add(ParseConcat()); }
        return items;
    }

    private SyntaxNode ParseConcat()
    {
        var left = ParseAdditive();
        while (Peek.IsSymbol("||"))
        {
            var op = Take();
            left = new BinarySyntax(BinaryOperator.Concat, left, ParseAdditive(), op.Position);
        }
        return left;
    }

    private SyntaxNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Peek.IsSymbol("+") || Peek.IsSymbol("-"))
        {
            var op = Take();
            left = new BinarySyntax(op.Text == "+" ? BinaryOperator.Add : BinaryOperator.Subtract, left, ParseMultiplicative(), op.Position);
        }
        return left;
    }

    private SyntaxNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Peek.IsSymbol("*") || Peek.IsSymbol("/") || Peek.IsSymbol("%"))
        {
            var op = Take();
            var kind = op.Text switch { "*" => BinaryOperator.Multiply, "/" => BinaryOperator.Divide, _ => BinaryOperator.Modulo };
            left = new BinarySyntax(kind, left, ParseUnary(), op.Position);
        }
        return left;
    }

    private SyntaxNode ParseUnary()
    {
        if (Peek.IsSymbol("-"))
        {
            var op = Take();
            var operand = ParseUnary();
            // Fold a negative literal so -9223372036854775808 and -1.5 stay literals.
            return operand switch
            {
                LiteralSyntax { Value: long l } => new LiteralSyntax(-l, op.Position),
                LiteralSyntax { Value: double d } => new LiteralSyntax(-d, op.Position),
                _ => new UnarySyntax(UnaryOperator.Negate, operand, op.Position),
            };
        }
        if (Peek.IsSymbol("+")) { Take(); return ParseUnary(); }
        return ParsePrimary();
    }

    private SyntaxNode ParsePrimary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case TokenKind.Number:
            case TokenKind.String:
                Take();
                return new LiteralSyntax(t.Value, t.Position);
            case TokenKind.QuotedIdentifier:
                Take();
                return new ColumnSyntax(t.Text, t.Position, Quoted: true);
            case TokenKind.Symbol when t.Text == "(":
                Take();
                var inner = ParseOr();
                if (!Peek.IsSymbol(")")) throw Error(Peek, $"Expected ')' but found {Describe(Peek)}", "Close every parenthesis.");
                Take();
                return inner;
            case TokenKind.Identifier:
                return ParseWord();
            case TokenKind.End:
                throw Error(t, "The expression ends where a value was expected (a number, 'text', a column or a function)");
            default:
                throw Error(t, $"Expected a value (a number, 'text', a column or a function) but found {Describe(t)}");
        }
    }

    private SyntaxNode ParseWord()
    {
        var t = Take();
        var word = t.Text.ToLowerInvariant();
        var next = Peek;
        switch (word)
        {
            case "true": return new LiteralSyntax(true, t.Position);
            case "false": return new LiteralSyntax(false, t.Position);
            case "null": return new LiteralSyntax(null, t.Position);
            case "cast" or "try_cast" when next.IsSymbol("("): return ParseCast(t, word == "try_cast");
            case "case": return ParseCase(t);
            case "date" or "timestamp" when next.Kind == TokenKind.String:
                Take();
                if (!CellParser.TryParseDateTime((string)next.Value!, out var when))
                    throw Error(next, $"'{next.Value}' is not a date or time", "Write ISO 8601: date '2026-11-01' or timestamp '2026-11-01 13:00:00Z'.");
                return new LiteralSyntax(word == "date" ? when.Date : when, t.Position);
        }
        if (next.IsSymbol("("))
        {
            Take();
            var args = new List<SyntaxNode>();
            if (!Peek.IsSymbol(")"))
            {
                while (true)
                {
                    args.Add(ParseOr());
                    if (Peek.IsSymbol(",")) { Take(); continue; }
                    if (Peek.IsSymbol(")")) break;
                    throw Error(Peek, $"Expected ',' or ')' in the arguments of {t.Text}() but found {Describe(Peek)}");
                }
            }
            Take();
            return new CallSyntax(word, args, t.Position);
        }
        if (Reserved.Contains(word))
            throw Error(t, $"'{t.Text}' is a keyword and cannot stand here", "Quote a column with this name: `" + t.Text + "` or [" + t.Text + "].");
        return new ColumnSyntax(t.Text, t.Position, Quoted: false);
    }

    private SyntaxNode ParseCast(Token start, bool isTry)
    {
        Take(); // (
        var value = ParseOr();
        if (!Peek.IsKeyword("as")) throw Error(Peek, $"Expected 'as' in cast(value as type) but found {Describe(Peek)}");
        Take();
        var type = Peek;
        if (type.Kind != TokenKind.Identifier) throw Error(type, $"Expected a type name (Int64, Double, Boolean, DateTime, String) but found {Describe(type)}");
        Take();
        if (!Peek.IsSymbol(")")) throw Error(Peek, $"Expected ')' after the type in cast() but found {Describe(Peek)}");
        Take();
        return new CastSyntax(value, type.Text, isTry, start.Position, type.Position);
    }

    private SyntaxNode ParseCase(Token start)
    {
        var branches = new List<(SyntaxNode, SyntaxNode)>();
        while (Peek.IsKeyword("when"))
        {
            Take();
            var when = ParseOr();
            if (!Peek.IsKeyword("then")) throw Error(Peek, $"Expected 'then' but found {Describe(Peek)}");
            Take();
            branches.Add((when, ParseOr()));
        }
        if (branches.Count == 0) throw Error(Peek, $"Expected 'when' after 'case' but found {Describe(Peek)}", "Write case when <condition> then <value> [else <value>] end.");
        SyntaxNode? otherwise = null;
        if (Peek.IsKeyword("else")) { Take(); otherwise = ParseOr(); }
        if (!Peek.IsKeyword("end")) throw Error(Peek, $"Expected 'end' to close 'case' but found {Describe(Peek)}");
        Take();
        return new CaseSyntax(branches, otherwise, start.Position);
    }

    private static bool IsDash(Token t, string op) => t.Kind == TokenKind.DashOperator && t.Text.Equals(op, StringComparison.OrdinalIgnoreCase);

    private DataException Error(Token at, string problem, string? recommendation = null) =>
        ExpressionError.Invalid(_text, at.Position, problem, recommendation);

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.String => $"the text '{t.Value}'",
        TokenKind.Number => $"the number {t.Text}",
        TokenKind.DashOperator => $"'-{t.Text}'",
        _ => $"'{t.Text}'",
    };

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            if (i >= s.Length) { tokens.Add(new Token(TokenKind.End, "", s.Length)); return tokens; }
            var start = i;
            var c = s[i];
            if (char.IsLetter(c) || c == '_' || c == '$')
            {
                if (c == '$') i++; // $_.name and $name read as the column, as in a Where-Object script block
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_')) i++;
                var word = s[start..i];
                if (word.StartsWith("$_", StringComparison.Ordinal) && i < s.Length && s[i] == '.')
                {
                    var nameStart = ++i;
                    while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_')) i++;
                    word = s[nameStart..i];
                }
                else if (word.StartsWith('$')) word = word[1..];
                if (word.Length == 0) throw ExpressionError.Invalid(s, start, "Expected a name after '$'");
                tokens.Add(new Token(TokenKind.Identifier, word, start));
                continue;
            }
            if (char.IsAsciiDigit(c) || c == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
            {
                tokens.Add(ReadNumber(s, ref i));
                continue;
            }
            switch (c)
            {
                case '\'':
                    tokens.Add(new Token(TokenKind.String, s[start..(i = ReadQuoted(s, i, '\'', out var text))], start, text));
                    continue;
                case '"':
                    i = ReadQuoted(s, i, '"', out var dq);
                    tokens.Add(new Token(TokenKind.QuotedIdentifier, dq, start));
                    continue;
                case '`':
                    i = ReadQuoted(s, i, '`', out var bq);
                    tokens.Add(new Token(TokenKind.QuotedIdentifier, bq, start));
                    continue;
                case '[':
                    i = ReadBracketed(s, i, out var bracketed);
                    tokens.Add(new Token(TokenKind.QuotedIdentifier, bracketed, start));
                    continue;
                case '-' when i + 1 < s.Length && char.IsAsciiLetter(s[i + 1]):
                    var end = i + 1;
                    while (end < s.Length && char.IsAsciiLetter(s[end])) end++;
                    var op = s[(i + 1)..end];
                    if (DashOperators.Contains(op))
                    {
                        tokens.Add(new Token(TokenKind.DashOperator, op, start));
                        i = end;
                        continue;
                    }
                    break;
            }
            var two = i + 1 < s.Length ? s.Substring(i, 2) : "";
            if (two is "<=" or ">=" or "!=" or "<>" or "==" or "||")
            {
                tokens.Add(new Token(TokenKind.Symbol, two, start));
                i += 2;
                continue;
            }
            if ("=<>+-*/%(),!".Contains(c))
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), start));
                i++;
                continue;
            }
            throw ExpressionError.Invalid(s, start, $"Unexpected character '{c}'",
                c == '&' || c == '|' ? "Use 'and' / 'or' (or -and / -or)." : null);
        }
    }

    private static Token ReadNumber(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_')) i++;
        var isDouble = false;
        if (i < s.Length && s[i] == '.' && !(i + 1 < s.Length && s[i + 1] == '.'))
        {
            isDouble = true;
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            var j = i + 1;
            if (j < s.Length && (s[j] == '+' || s[j] == '-')) j++;
            if (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                isDouble = true;
                i = j;
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            }
        }
        if (i < s.Length && (char.IsLetter(s[i]) || s[i] == '_'))
            throw ExpressionError.Invalid(s, start, $"'{s[start..(i + 1)]}' is neither a number nor a name", "Quote a column whose name starts with a digit: `5min_avg`.");
        var text = s[start..i].Replace("_", "");
        if (isDouble) return new Token(TokenKind.Number, text, start, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l)) return new Token(TokenKind.Number, text, start, l);
        if (text == "9223372036854775808") return new Token(TokenKind.Number, text, start, long.MinValue); // only valid negated
        throw ExpressionError.Invalid(s, start, $"The integer {text} does not fit in Int64", "Write it with a decimal point to make it a Double: " + text + ".0");
    }

    /// <summary>Reads a quoted run starting at the opening quote; a doubled quote stands for one. Returns the index after the closing quote.</summary>
    private static int ReadQuoted(string s, int open, char quote, out string text)
    {
        var sb = new System.Text.StringBuilder();
        var i = open + 1;
        while (true)
        {
            if (i >= s.Length)
                throw ExpressionError.Invalid(s, open, $"The {(quote == '\'' ? "text" : "quoted name")} that starts here is never closed with {quote}",
                    quote == '\'' ? "Close it, and double a quote inside text: 'it''s'." : null);
            if (s[i] == quote)
            {
                if (i + 1 < s.Length && s[i + 1] == quote) { sb.Append(quote); i += 2; continue; }
                text = sb.ToString();
                return i + 1;
            }
            sb.Append(s[i++]);
        }
    }

    /// <summary>[name], where the name may hold balanced brackets: [Timestamp [ms]].</summary>
    private static int ReadBracketed(string s, int open, out string text)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            if (s[i] == '[') depth++;
            else if (s[i] == ']' && --depth == 0)
            {
                text = s[(open + 1)..i];
                if (text.Length == 0) throw ExpressionError.Invalid(s, open, "Empty column name []");
                return i + 1;
            }
        }
        throw ExpressionError.Invalid(s, open, "The [bracketed name] that starts here is never closed with ]");
    }
}
