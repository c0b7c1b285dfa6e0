using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Turns any pipeline objects (Get-Process, Import-Csv rows, hashtables) into one typed Dataset.</summary>
[Cmdlet(VerbsData.ConvertTo, "Dataset")]
[OutputType(typeof(Dataset))]
public sealed class ConvertToDatasetCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[]? Property { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "Dataset";

    [Parameter]
    [AllowEmptyString]
    public string[]? NullValue { get; set; }

    private readonly List<ObjectColumnBuilder> _columns = [];
    private readonly Dictionary<string, ObjectColumnBuilder> _byName = new(StringComparer.OrdinalIgnoreCase);
    private int _rows;

    protected override void ProcessRecord()
    {
        if (InputObject == null) return;
        var baseObject = InputObject.BaseObject;
        if (IsScalar(baseObject))
        {
            Set("Value", baseObject);
        }
        else if (baseObject is System.Collections.IDictionary dictionary)
        {
            foreach (System.Collections.DictionaryEntry entry in dictionary)
                if (Wanted(entry.Key.ToString()!)) Set(entry.Key.ToString()!, Unwrap(entry.Value));
        }
        else
        {
            foreach (var property in InputObject.Properties)
            {
                if (!property.IsGettable || !Wanted(property.Name)) continue;
                object? value;
                try { value = Unwrap(property.Value); }
                catch (Exception e) when (e is GetValueException or GetValueInvocationException or ExtendedTypeSystemException) { value = null; }
                Set(property.Name, value);
            }
        }
        _rows++;
        foreach (var column in _columns)
            if (column.Count < _rows) column.Append(null);
    }

    protected override void EndProcessing()
    {
        var nulls = NullValue == null ? NullValueSet.Default : new NullValueSet(NullValue);
        var ordered = Property == null ? _columns : Property.Where(_byName.ContainsKey).Select(p => _byName[p]).ToList();
        var dataset = new Dataset(Name, ordered.Select(c => c.Build(nulls)), null,
            [new LineageEntry("ConvertTo-Dataset", new Dictionary<string, string> { ["Rows"] = _rows.ToString(System.Globalization.CultureInfo.InvariantCulture) })]);
        WriteVerbose($"Converted {_rows:N0} objects into {dataset.ColumnCount} columns in {Elapsed.TotalSeconds:0.000} s.");
        WriteObject(dataset);
    }

    private bool Wanted(string name) => Property == null || Property.Any(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));

    private void Set(string name, object? value)
    {
        if (!_byName.TryGetValue(name, out var column))
        {
            column = new ObjectColumnBuilder(name);
            column.AppendNulls(_rows); // a property first seen now was missing on earlier objects
            _byName[name] = column;
            _columns.Add(column);
        }
        if (column.Count == _rows) column.Append(value);
    }

    private static object? Unwrap(object? value)
    {
        var v = value is PSObject p ? p.BaseObject : value;
        if (v == null || IsScalar(v)) return v;
        return v.ToString(); // nested objects and collections are kept as their text
    }

    private static bool IsScalar(object v) =>
        v is string or bool or DateTime or DateTimeOffset or decimal || v.GetType().IsPrimitive || v is Enum or Guid or TimeSpan;
}
