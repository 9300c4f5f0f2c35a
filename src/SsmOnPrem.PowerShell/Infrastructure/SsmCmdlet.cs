using System;
using System.Management.Automation;
using System.Threading;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>
    /// Base of every SsmOnPrem cmdlet: a cancellation token that Ctrl+C (StopProcessing) trips, and error
    /// helpers that keep ErrorIds stable. Cmdlets stay thin: bind, call the engine, write objects.
    /// </summary>
    public abstract class SsmCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        protected CancellationToken CancellationToken => _stopping.Token;

        protected override void StopProcessing()
        {
            _stopping.Cancel();
            base.StopProcessing();
        }

        /// <summary>Non-terminating: the pipeline (and the rest of a fleet) goes on.</summary>
        protected void WriteSsmError(SsmOnPremException ex, object target = null) => WriteError(ErrorRecords.From(ex, target));

        /// <summary>Terminating: for errors that make the whole command pointless (no connection, bad parameters).</summary>
        protected void ThrowSsmError(SsmOnPremException ex, object target = null) => ThrowTerminatingError(ErrorRecords.From(ex, target));

        // -Debug makes a compiled cmdlet's warnings prompt (its WarningPreference becomes Inquire unless -WarningAction is
        // given): a fleet run must never stop to ask about a device's warning (weak SSH algorithms), and in a host without
        // a console the prompt throws or fails outright. Then the text goes to the host instead of the warning stream.
        protected internal void WriteWarningNonBlocking(string message)
        {
            if (WarningWouldPrompt()) { Host?.UI?.WriteWarningLine(message); return; }
            try { WriteWarning(message); }
            catch (Exception ex) when (ex is PSInvalidOperationException || ex is NullReferenceException) { Host?.UI?.WriteWarningLine(message); }
        }

        private bool WarningWouldPrompt() =>
            MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter on && on.IsPresent
            && !MyInvocation.BoundParameters.ContainsKey("WarningAction");

        /// <summary>
        /// Whether this command's verbose messages reach anyone: -Verbose, or else a $VerbosePreference other than
        /// SilentlyContinue and Ignore (PowerShell drops the rest, redirected or not). A fleet run asks once, so its
        /// workers neither format nor hand over to the pipeline thread the ~40 messages per device nobody reads.
        /// </summary>
        protected internal bool VerboseWanted()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var bound))
                return bound is SwitchParameter on ? on.IsPresent : LanguagePrimitives.IsTrue(bound);
            var preference = SessionState?.PSVariable.GetValue("VerbosePreference");
            if (preference == null) return false;
            // A preference set as a string ('Continue') or a number is what PowerShell also accepts; anything it cannot
            // read keeps the messages flowing (the cost of a wrong "no" is silence the user asked not to have).
            if (!(preference is ActionPreference value) && !Enum.TryParse(preference.ToString(), true, out value)) return true;
            return value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore;
        }

        /// <summary>Writes verbose text after masking secrets the caller knows about.</summary>
        protected void WriteMaskedVerbose(SecretMasker masker, string message) => WriteVerbose(masker?.Apply(message) ?? message);
    }
}
