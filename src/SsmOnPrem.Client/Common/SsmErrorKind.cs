namespace SsmOnPrem.Client.Common
{
    /// <summary>
    /// What kind of failure an engine error is. The cmdlet layer maps it to PowerShell's ErrorCategory
    /// (the engine never references System.Management.Automation).
    /// </summary>
    public enum SsmErrorKind
    {
        NotSpecified,
        InvalidArgument,       // bad input from the caller (refused before anything is sent)
        InvalidData,           // the device or server said something we cannot understand
        AuthenticationError,   // wrong credentials, API toolkit disabled
        PermissionDenied,      // authenticated but not allowed (403)
        ObjectNotFound,        // unknown account, virtual account, token, device
        ConnectionError,       // unreachable, refused, reset, TLS failure
        SecurityError,         // host key or certificate mismatch
        OperationTimeout,      // a deadline passed
        DeviceError,           // the device CLI refused a command
        InvalidOperation,      // the request makes no sense in the current state
        NotImplemented,        // the server does not expose that through its API
        ResourceUnavailable,   // 429/5xx after retries, server booting
        OperationStopped,      // cancelled (Ctrl+C)
    }
}
