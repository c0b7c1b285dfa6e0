using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Fits a categorical encoder (OneHot, Ordinal) on a training dataset's columns.</summary>
[Cmdlet(VerbsCommon.New, "DataEncoder")]
[OutputType(typeof(DataEncoder))]
public sealed class NewDataEncoderCommand : DataCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public EncodingMethod Method { get; set; }

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Column { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter]
    public UnknownCategoryHandling HandleUnknown { get; set; } = UnknownCategoryHandling.Error;

    protected override void ProcessRecord()
    {
        // By default every String column: the usual categorical features.
        var columns = Column ?? Dataset.Columns.Where(c => c.Type == ColumnType.String).Select(c => c.Name).ToArray();
        var started = Elapsed;
        TryRun(() =>
        {
            var encoder = DataEncoder.Fit(Dataset, Method, columns, HandleUnknown);
            WriteVerbose($"Fitted a {Method} encoder on {encoder.Columns.Length} column(s) of '{Dataset.Name}' ({encoder.Columns.Sum(c => c.Categories.Length):N0} categories) in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(encoder);
        }, Dataset);
    }
}
