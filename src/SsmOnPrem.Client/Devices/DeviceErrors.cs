using System;
using System.Collections.Generic;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Devices
{
    /// <summary>The stable ErrorIds of the device layer (tests and users match on them).</summary>
    public static class DeviceErrorIds
    {
        public const string UnsafeCliArgument = "UnsafeCliArgument";
        public const string InvalidComputerName = "InvalidComputerName";
        public const string EmptyPassword = "EmptyPassword";
        public const string ConnectionRefused = "DeviceConnectionRefused";
        public const string HostNotFound = "DeviceHostNotFound";
        public const string Unreachable = "DeviceUnreachable";
        public const string ConnectTimeout = "DeviceConnectTimeout";
        public const string ConnectionFailed = "DeviceConnectionFailed";
        public const string ConnectionLost = "DeviceConnectionLost";
        public const string AuthenticationFailed = "DeviceAuthenticationFailed";
        public const string KeyFileNotFound = "KeyFileNotFound";
        public const string KeyFilePassphraseRequired = "KeyFilePassphraseRequired";
        public const string KeyFileInvalid = "KeyFileInvalid";
        public const string HostKeyUnknown = "HostKeyUnknown";
        public const string HostKeyChanged = "HostKeyChanged";
        public const string HostKeyFingerprintMismatch = "HostKeyFingerprintMismatch";
        public const string InvalidHostKeyFingerprint = "InvalidHostKeyFingerprint";
        public const string KnownHostsUnwritable = "KnownHostsUnwritable";
        public const string PromptNotFound = "DevicePromptNotFound";
        public const string EnableSecretRejected = "EnableSecretRejected";
        public const string EnableFailed = "EnableFailed";
        public const string PrivilegedModeRequired = "PrivilegedModeRequired";
        public const string CommandTimeout = "DeviceCommandTimeout";
        public const string ConfirmationRequired = "ConfirmationRequired";
        public const string SessionClosed = "DeviceSessionClosed";
        public const string SessionBusy = "DeviceSessionBusy";
        public const string CliInvalidInput = "CliInvalidInput";
        public const string CliIncompleteCommand = "CliIncompleteCommand";
        public const string CliAmbiguousCommand = "CliAmbiguousCommand";
        public const string CliUnknownCommand = "CliUnknownCommand";
        public const string CliError = "CliError";
        public const string CliCommitFailed = "CliCommitFailed";
        public const string TranscriptUnwritable = "TranscriptUnwritable";
        public const string SshAlgorithmsRefused = "SshAlgorithmsRefused";
        public const string JumpHostUnreachable = "JumpHostUnreachable";
        public const string JumpHostAuthFailed = "JumpHostAuthFailed";
        public const string InvalidJumpHost = "InvalidJumpHost";
        public const string OutputTooLarge = "DeviceOutputTooLarge";
    }

    /// <summary>A device error that carries what the device printed (masked).</summary>
    public class DeviceException : SsmOnPremException
    {
        public DeviceException(string errorId, SsmErrorKind kind, string message, string recommendedAction = null, Exception inner = null)
            : base(errorId, kind, message, recommendedAction, inner) { }

        /// <summary>The CLI line that was being run, if any (secrets masked).</summary>
        public string Command { get; set; }

        /// <summary>What the device printed for it (secrets masked).</summary>
        public string DeviceOutput { get; set; }
    }

    /// <summary>The device CLI refused a command (% Invalid input, % Incomplete command, ASA ERROR: ...).</summary>
    public sealed class DeviceCliException : DeviceException
    {
        public DeviceCliException(string errorId, string command, string errorLine, string output)
            : base(errorId, SsmErrorKind.DeviceError,
                   $"The device refused '{command}': {errorLine}",
                   "Check the command syntax for this platform and release (run it by hand with Invoke-SsmDeviceCommand to see the full output).")
        {
            Command = command;
            ErrorLine = errorLine;
            DeviceOutput = output;
        }

        /// <summary>The line of the output that says what went wrong.</summary>
        public string ErrorLine { get; }
    }

    /// <summary>A value was refused before anything was sent to the device.</summary>
    public sealed class UnsafeCliArgumentException : SsmOnPremException
    {
        public UnsafeCliArgumentException(string what, string reason)
            : base(DeviceErrorIds.UnsafeCliArgument, SsmErrorKind.InvalidArgument,
                   $"Refused to send the {what} to the device: {reason}. Nothing was sent.",
                   "Remove newlines, control characters and characters outside the expected alphabet from the value.")
        {
            What = what;
        }

        public string What { get; }
    }

    /// <summary>Host key verification refused the server (unknown, changed, or not the pinned key).</summary>
    public sealed class HostKeyException : SsmOnPremException
    {
        public HostKeyException(string errorId, string message, string recommendedAction, string fingerprint, string keyType)
            : base(errorId, SsmErrorKind.SecurityError, message, recommendedAction)
        {
            Fingerprint = fingerprint;
            KeyType = keyType;
        }

        /// <summary>The SHA256 fingerprint the server presented ("SHA256:...").</summary>
        public string Fingerprint { get; }
        public string KeyType { get; }
    }
}
