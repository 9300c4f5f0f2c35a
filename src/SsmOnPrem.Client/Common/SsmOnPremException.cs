using System;

namespace SsmOnPrem.Client.Common
{
    /// <summary>
    /// Every error the engine raises on purpose. <see cref="ErrorId"/> is stable (tests and users match on it;
    /// the cmdlet layer turns it into the FullyQualifiedErrorId), <see cref="RecommendedAction"/> says what to do next.
    /// Messages never contain secrets: build them from masked values. Control characters and escape sequences that a
    /// device or server put into a message are removed here, once for every error (<see cref="ConsoleText"/>).
    /// </summary>
    public class SsmOnPremException : Exception
    {
        public SsmOnPremException(string errorId, SsmErrorKind kind, string message, string recommendedAction = null, Exception inner = null)
            : base(ConsoleText.Clean(message), inner)
        {
            ErrorId = errorId ?? throw new ArgumentNullException(nameof(errorId));
            Kind = kind;
            RecommendedAction = ConsoleText.Clean(recommendedAction);
        }

        public string ErrorId { get; }
        public SsmErrorKind Kind { get; }
        public string RecommendedAction { get; }

        /// <summary>What the error is about (device name, URL, token description); never a secret.</summary>
        public string Target { get; set; }
    }
}
