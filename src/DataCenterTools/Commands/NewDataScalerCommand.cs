using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Fits a scaler (MinMax, ZScore, Robust, MaxAbs, Log1p) on a training dataset's numeric columns.</summary>
[Cmdlet(VerbsCommon.New, "DataScaler")]
[OutputType(typeof(DataScaler))]
public sealed class NewDataScalerCommand : DataCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public ScalingMethod Method { get; set; }

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Column { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter]
    [ValidateCount(2, 2)]
    public double[]? Range { get; set; }

    protected override void BeginProcessing()
    {
        if (Range != null && Method != ScalingMethod.MinMax)
            ThrowDataError(new DataException("RangeNeedsMinMax", DataErrorKind.InvalidArgument,
                $"-Range applies to -Method MinMax only, not {Method}.", "Leave out -Range, or use -Method MinMax."), Range);
    }

    protected override void ProcessRecord()
    {
        // By default every numeric column: the common case of scaling all features.
        var columns = Column ?? Dataset.Columns.Where(c => c.Type is ColumnType.Int64 or ColumnType.Double).Select(c => c.Name).ToArray();
        var started = Elapsed;
        TryRun(() =>
        {
            var scaler = DataScaler.Fit(Dataset, Method, columns, Range?[0] ?? 0, Range?[1] ?? 1);
            WriteVerbose($"Fitted a {Method} scaler on {scaler.Columns.Length} column(s) of '{Dataset.Name}' ({Dataset.RowCount:N0} rows) in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(scaler);
        }, Dataset);
    }
}
