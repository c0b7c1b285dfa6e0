using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>What one evaluation of an expression over a Dataset needs: the rows, the expression text for messages, and where warnings go.</summary>
internal sealed class EvaluationContext(Dataset dataset, string expression)
{
    private readonly Dictionary<string, int> _warningCounts = [];
    private readonly List<string> _warningOrder = [];

    public Dataset Dataset { get; } = dataset;
    public int Rows => Dataset.RowCount;
    public string Expression { get; } = expression;
    public CancellationToken Cancellation { get; init; }

    /// <summary>Warns once per kind of problem, with the number of cells it hit.</summary>
    public void Warn(string key, int cells, Func<int, string> message)
    {
        if (cells <= 0) return;
        if (!_warningCounts.TryGetValue(key, out var before)) _warningOrder.Add(key);
        _warningCounts[key] = before + cells;
        _messages[key] = message;
    }

    private readonly Dictionary<string, Func<int, string>> _messages = [];

    public IReadOnlyList<string> Warnings => _warningOrder.Select(k => _messages[k](_warningCounts[k])).ToList();
}
