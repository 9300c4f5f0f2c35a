using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.OnPrem;

using SsmOnPrem.Commands.Completion;

namespace SsmOnPrem.Commands
{
    /// <summary>Creates a registration (ID) token in a local virtual account.</summary>
    [Cmdlet(VerbsCommon.New, "SsmToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RegistrationToken))]
    public sealed class NewSsmTokenCommand : OnPremCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VirtualAccountCompleter))]
        [ValidateNotNullOrEmpty]
        public string VirtualAccount { get; set; }

        [Parameter]
        public string Description { get; set; }

        [Parameter]
        [ValidateRange(1, 365)]
        public int ExpiresAfterDays { get; set; } = 30;

        [Parameter]
        public SwitchParameter ExportControlled { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxUses { get; set; }

        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var request = new NewTokenRequest
            {
                VirtualAccount = VirtualAccount,
                Description = Description,
                ExpiresAfterDays = ExpiresAfterDays,
                ExportControlled = ExportControlled,
                MaxUses = MyInvocation.BoundParameters.ContainsKey(nameof(MaxUses)) ? MaxUses : (int?)null,
            };
            string call;
            try { call = new OnPremClient(connection).DescribeCreateToken(request); }
            catch (SsmOnPremException ex) { WriteSsmError(ex); return; }
            var va = VirtualAccount ?? connection.VirtualAccount;
            if (!ShouldProcess(call, $"Create an ID token in '{va}' valid for {ExpiresAfterDays} days?", "New-SsmToken")) return;
            if (!TryRun(connection, (c, ct) => c.CreateTokenAsync(request, ct), out var token, va)) return;
            // An unconfirmed limit shows as RequestedMaxUses with MaxUses empty, and as a warning that never prompts
            // (-Debug would otherwise turn it into a question a runbook cannot answer).
            if (token.RequestedMaxUses != null && token.MaxUses == null)
                WriteWarningNonBlocking($"The server did not confirm the limit of {token.RequestedMaxUses} uses for token {token.Hint}: treat it as possibly unlimited, and revoke it when the run is done (Revoke-SsmToken).");
            WriteObject(new RegistrationToken(token, AsPlainText).ToPSObject());
        }
    }

    /// <summary>Lists the ID tokens of a local virtual account.</summary>
    [Cmdlet(VerbsCommon.Get, "SsmToken")]
    [OutputType(typeof(RegistrationToken))]
    public sealed class GetSsmTokenCommand : OnPremCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VirtualAccountCompleter))]
        [ValidateNotNullOrEmpty]
        public string VirtualAccount { get; set; }

        /// <summary>Also expired, revoked and used-up tokens.</summary>
        [Parameter]
        public SwitchParameter IncludeExpired { get; set; }

        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            if (!TryRun(connection, (c, ct) => c.GetTokensAsync(VirtualAccount, IncludeExpired, ct), out var tokens, VirtualAccount)) return;
            foreach (var token in tokens) WriteObject(new RegistrationToken(token, AsPlainText).ToPSObject());
        }
    }

    /// <summary>Revokes ID tokens (piped from Get-SsmToken / New-SsmToken, or given as a SecureString).</summary>
    [Cmdlet(VerbsSecurity.Revoke, "SsmToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "InputObject")]
    [OutputType(typeof(RegistrationToken))]
    public sealed class RevokeSsmTokenCommand : OnPremCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = "InputObject")]
        [ValidateNotNull]
        public RegistrationToken InputObject { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Token")]
        [ValidateNotNull]
        public SecureString Token { get; set; }

        [Parameter(ParameterSetName = "Token")]
        [ArgumentCompleter(typeof(VirtualAccountCompleter))]
        [ValidateNotNullOrEmpty]
        public string VirtualAccount { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var value = InputObject != null ? InputObject.Source.Value : new NetworkCredential(string.Empty, Token).Password;
            var va = InputObject != null ? InputObject.VirtualAccount : VirtualAccount ?? connection.VirtualAccount;
            var hint = InputObject?.TokenHint ?? (value.Length >= 8 ? "****" + value.Substring(value.Length - 4) : "****");
            string call;
            try { call = new OnPremClient(connection).DescribeRevokeToken(va, hint); }
            catch (SsmOnPremException ex) { WriteSsmError(ex, hint); return; }
            // -Force skips the confirmation (runbooks), never -WhatIf.
            var proceed = Force && !WhatIfRequested()
                || ShouldProcess(call, $"Revoke ID token {hint} of '{va}'? Devices can no longer register with it.", "Revoke-SsmToken");
            if (!proceed) return;
            if (!TryRun(connection, async (c, ct) => { await c.RevokeTokenAsync(va, value, ct).ConfigureAwait(false); return true; }, out _, hint)) return;
            if (PassThru && InputObject != null)
            {
                InputObject.Status = "REVOKED";
                WriteObject(InputObject.ToPSObject());
            }
        }

        private bool WhatIfRequested()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)) return ((SwitchParameter)bound).ToBool();
            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }
    }
}
