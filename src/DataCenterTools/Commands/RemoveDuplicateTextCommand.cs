using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Removes exact and near-duplicate documents, keeping one per cluster by -Keep (First, Longest, Newest); reference matches are removed too.</summary>
[Cmdlet(VerbsCommon.Remove, "DuplicateText", DefaultParameterSetName = DatasetSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Dataset), typeof(CorpusFileResult))]
public sealed class RemoveDuplicateTextCommand : DuplicateTextCmdlet
{
    [Parameter(ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string? Reject { get; set; }

    protected override bool RemoveDuplicates => true;
    protected override string? RejectPath => Reject;
}
