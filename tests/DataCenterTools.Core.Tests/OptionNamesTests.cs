using System.Text.RegularExpressions;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;
using DataCenterTools.Core.Training;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Core messages name options as {option:Name} (OptionNames), so a C# program reads "KeyPath" and only the cmdlet layer
/// says "-KeyPath" (tests/pester/OptionNames.Tests.ps1 checks that side on the same failure).
/// </summary>
public partial class OptionNamesTests
{
    [Fact]
    public void TheCoreNamesAnOptionByItsNameAndAFrontEndRendersItItsWay()
    {
        var e = Assert.Throws<DataException>(() => ProtectionCredential.Create(DataProtectionKey.Generate(), _ => DataProtectionKey.Generate(), null));

        Assert.Equal("DataCenterTools.KeyConflict", e.ErrorId);
        Assert.Equal("Give KeyPath or Passphrase, not both.", e.Message);
        Assert.Equal("Give {option:KeyPath} or {option:Passphrase}, not both.", e.MessageTemplate);
        Assert.Equal(["KeyPath", "Passphrase"], e.Options);

        var rendered = e.Render(option => "-" + option);
        Assert.Equal("Give -KeyPath or -Passphrase, not both.", rendered.Message);
        Assert.Equal((e.ErrorId, e.Kind, e.Recommendation), (rendered.ErrorId, rendered.Kind, rendered.Recommendation));
    }

    [Fact]
    public void TheCoreSaysItsOwnOptionNameWhereTheCmdletSpellsItsParameterOtherwise()
    {
        var rows = new Dataset("rows", [new DoubleColumn("x", [1, 2, 3, 4, 5, 6, 7, 8]), new DoubleColumn("y", [2, 4, 6, 8, 10, 12, 14, 16])]);
        var e = Assert.Throws<DataException>(() => new ModelTrainer(1).Train(rows,
            new TrainingOptions { Label = "y", Task = ModelTask.Regression, CrossValidationFolds = 20 }));

        // Start-ModelTraining says -CrossValidation (its ParameterNames; tests/pester/OptionNames.Tests.ps1).
        Assert.Equal("DataCenterTools.FoldsOutOfRange", e.ErrorId);
        Assert.StartsWith("CrossValidationFolds 20 needs between 2 and 8 folds for 8 rows.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecommendationsAndHelperNamedOptionsRenderToo()
    {
        var e = new DataException("X", DataErrorKind.InvalidArgument, $"{OptionNames.Mention("Count")} 0 asks for no rows.",
            "Give {option:Count} 500, or leave {option:Count} out.", file: "a.csv", line: 3, column: "c");

        Assert.Equal("Count 0 asks for no rows.", e.Message);
        Assert.Equal("Give Count 500, or leave Count out.", e.Recommendation);
        Assert.Equal(["Count"], e.Options);
        var cmdlet = e.Render(option => option == "Count" ? "-First" : "-" + option);
        Assert.Equal("-First 0 asks for no rows.", cmdlet.Message);
        Assert.Equal("Give -First 500, or leave -First out.", cmdlet.Recommendation);
        Assert.Equal(("a.csv", 3L, "c"), (cmdlet.File, cmdlet.Line, cmdlet.ColumnName));
    }

    [Fact]
    public void AFailureThatNamesNoOptionIsItsOwnRendering()
    {
        var e = new DataException("X", DataErrorKind.InvalidData, "Row 3 has 2 fields.", "Fix the row.");
        Assert.Same(e, e.Render(option => "-" + option));
        Assert.Empty(e.Options);
    }

    // A parameter in the raw PowerShell form: -KeyPath (not a cmdlet's own dash, not --gpg-flags, not "-Inf").
    [GeneratedRegex(@"(?<![\w\-{}:/\x01])-(?!Inf\b)([A-Z][A-Za-z0-9]*)\b(?![\-.]\w)")]
    private static partial Regex RawParameter();

    // A PowerShell command line suggested to the user, Verb-Noun with its own parameters: left as written, since it
    // names another command, not an option of this call.
    [GeneratedRegex(@"\b[A-Z][a-z]+-[A-Z][A-Za-z]+(?:\s+(?:-[A-Z]\w*(?:/-[A-Z]\w*)*|'[^']*'|@\{[^}]*\}|<[^>]*>|\([^)]*\)|[^\s,;()'<\-][^\s,;()'<]*))*")]
    private static partial Regex CommandLine();

    /// <summary>The raw -Name mentions in one string literal's text (holes of an interpolated string as \x01).</summary>
    internal static IEnumerable<string> RawParameters(string text)
    {
        var commands = CommandLine().Matches(text).Select(m => (m.Index, End: m.Index + m.Length)).ToList();
        return RawParameter().Matches(text).Where(m => !commands.Any(c => m.Index >= c.Index && m.Index < c.End)).Select(m => m.Value);
    }

    [Theory]
    [InlineData("Give -KeyPath or -Passphrase, not both.", "-KeyPath,-Passphrase")]
    [InlineData("Give {option:KeyPath} or {option:Passphrase}, not both.", "")]
    [InlineData("Check the path, or create a key with New-DataProtectionKey -Path <file>.", "")]
    [InlineData("Convert it first: Add-DataColumn -Name t -Expression 'cast(t as DateTime)'.", "")]
    [InlineData("Give a file written by Protect-DataFile or gpg --encrypt/--symmetric.", "")]
    [InlineData("\x01-W\x01", "")]
    [InlineData("-Inf", "")]
    [InlineData("Run Test-DataAuditLog, then give -Force.", "-Force")]
    public void TheScanFindsRawParametersAndOnlyThose(string text, string expected) =>
        Assert.Equal(expected, string.Join(",", RawParameters(text)));

    [Fact]
    public void NoCoreStringLiteralNamesAParameterInThePowerShellForm()
    {
        var core = Path.Combine(RepositoryRoot(), "src", "DataCenterTools.Core");
        var found = new List<string>();
        var mentioning = 0;
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file);
            foreach (var (node, text) in Literals(tree.GetRoot()))
            {
                if (OptionNames.Mentioned(text).Count > 0) mentioning++;
                foreach (var raw in RawParameters(text))
                {
                    var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    found.Add($"{Path.GetRelativePath(core, file)}:{line}: {raw}");
                }
            }
        }
        Assert.True(mentioning > 200, $"Only {mentioning} literals mention an option: the scan did not read the core's sources.");
        Assert.True(found.Count == 0, "Core strings that name a cmdlet parameter; write {option:Name} (OptionNames) instead:\n" + string.Join("\n", found));
    }

    private static IEnumerable<(SyntaxNode Node, string Text)> Literals(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            if (node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && !InRegexAttribute(node))
                yield return (node, literal.Token.ValueText);
            else if (node is InterpolatedStringExpressionSyntax interpolated)
                yield return (node, string.Concat(interpolated.Contents.Select(c => c is InterpolatedStringTextSyntax t ? t.TextToken.ValueText : "\x01")));
        }
    }

    private static bool InRegexAttribute(SyntaxNode node) =>
        node.Ancestors().OfType<AttributeSyntax>().Any(a => a.Name.ToString().Contains("GeneratedRegex", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DataCenterTools.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (DataCenterTools.sln) was not found above " + AppContext.BaseDirectory);
    }
}
