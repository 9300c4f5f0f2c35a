using System;
using System.Management.Automation;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>Turns engine errors into ErrorRecords: stable id, right category, what to do next.</summary>
    internal static class ErrorRecords
    {
        internal static ErrorRecord From(SsmOnPremException ex, object target = null)
        {
            var record = new ErrorRecord(ex, ex.ErrorId, ToCategory(ex.Kind), target ?? ex.Target);
            if (!string.IsNullOrEmpty(ex.RecommendedAction))
            {
                record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.RecommendedAction };
            }
            return record;
        }

        /// <summary>An error raised by the cmdlet layer itself (e.g. parameter checks PowerShell cannot express).</summary>
        internal static ErrorRecord Create(string errorId, ErrorCategory category, string message, string recommendedAction = null, object target = null)
        {
            var record = new ErrorRecord(new SsmOnPremException(errorId, SsmErrorKind.NotSpecified, message, recommendedAction), errorId, category, target);
            if (recommendedAction != null) record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
            return record;
        }

        internal static ErrorCategory ToCategory(SsmErrorKind kind)
        {
            switch (kind)
            {
                case SsmErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case SsmErrorKind.InvalidData: return ErrorCategory.InvalidData;
                case SsmErrorKind.AuthenticationError: return ErrorCategory.AuthenticationError;
                case SsmErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case SsmErrorKind.ObjectNotFound: return ErrorCategory.ObjectNotFound;
                case SsmErrorKind.ConnectionError: return ErrorCategory.ConnectionError;
                case SsmErrorKind.SecurityError: return ErrorCategory.SecurityError;
                case SsmErrorKind.OperationTimeout: return ErrorCategory.OperationTimeout;
                case SsmErrorKind.DeviceError: return ErrorCategory.DeviceError;
                case SsmErrorKind.InvalidOperation: return ErrorCategory.InvalidOperation;
                case SsmErrorKind.NotImplemented: return ErrorCategory.NotImplemented;
                case SsmErrorKind.ResourceUnavailable: return ErrorCategory.ResourceUnavailable;
                case SsmErrorKind.OperationStopped: return ErrorCategory.OperationStopped;
                default: return ErrorCategory.NotSpecified;
            }
        }
    }
}
