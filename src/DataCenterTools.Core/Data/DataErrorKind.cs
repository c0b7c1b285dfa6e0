namespace DataCenterTools.Core.Data;

/// <summary>What kind of failure an error is; the cmdlets map it to a PowerShell ErrorCategory.</summary>
public enum DataErrorKind
{
    InvalidData,
    InvalidArgument,
    ObjectNotFound,
    ReadError,
    WriteError,
    ResourceExists,
    PermissionDenied,
    NotSupported,
    /// <summary>A host or server could not be reached.</summary>
    ConnectionError,
    /// <summary>Work ran past its time limit.</summary>
    OperationTimeout,
}
