using System.Management.Automation;

namespace DataCenterTools.Infrastructure;

/// <summary>
/// An error that ends the whole script, not only the statement: what -ErrorAction Stop makes of an error. The engine
/// stops a script for an ActionPreferenceStopException unless try/catch or trap handles it, so a runbook run with
/// pwsh -File exits with code 1 whatever $ErrorActionPreference is. The record keeps its DataCenterTools id, category
/// and recommended action ($_.FullyQualifiedErrorId in a catch block).
/// </summary>
internal sealed class ScriptTerminatingError(ErrorRecord record) : ActionPreferenceStopException(record.Exception.Message, record.Exception)
{
    public override ErrorRecord ErrorRecord => record;
}
