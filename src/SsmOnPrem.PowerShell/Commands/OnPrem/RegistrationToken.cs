using System;
using System.Security;
using SsmOnPrem.Client.OnPrem;

namespace SsmOnPrem
{
    /// <summary>
    /// A registration (ID) token on the pipeline; its first PSTypeName is "SsmOnPrem.Token" (C# cannot name the class
    /// Token and give it a Token property). <see cref="Token"/> is a SecureString unless the cmdlet was run with
    /// -AsPlainText; tables show only <see cref="TokenHint"/>. Pipe it to Revoke-SsmToken or Register-SsmDevice.
    /// </summary>
    public sealed class RegistrationToken
    {
        internal const string PSTypeName = "SsmOnPrem.Token";

        internal RegistrationToken(OnPremToken source, bool asPlainText)
        {
            Source = source;
            Token = asPlainText ? (object)source.Value : ToSecureString(source.Value);
            TokenHint = source.Hint;
            Account = source.Account;
            VirtualAccount = source.VirtualAccount;
            Description = source.Description;
            CreatedBy = source.CreatedBy;
            CreatedOn = source.CreatedOn;
            ExpiresOn = source.ExpiresOn;
            ExportControlled = source.ExportControlled;
            MaxUses = source.MaxUses;
            RequestedMaxUses = source.RequestedMaxUses;
            UsesRemaining = source.UsesRemaining;
            Status = source.Status;
            Server = source.Server;
        }

        /// <summary>SecureString by default; string with -AsPlainText.</summary>
        public object Token { get; }
        public string TokenHint { get; }
        public string Account { get; }
        public string VirtualAccount { get; }
        public string Description { get; }
        public string CreatedBy { get; }
        public DateTimeOffset? CreatedOn { get; }
        public DateTimeOffset? ExpiresOn { get; }
        /// <summary>Null when the server does not say.</summary>
        public bool? ExportControlled { get; }
        /// <summary>The use limit as the server confirmed it; null when it did not echo one.</summary>
        public int? MaxUses { get; }
        /// <summary>The limit New-SsmToken -MaxUses asked for (null otherwise); compare with MaxUses.</summary>
        public int? RequestedMaxUses { get; }
        /// <summary>Null when the token has no use limit (or the server does not say).</summary>
        public int? UsesRemaining { get; }
        public string Status { get; internal set; }
        public string Server { get; }

        internal OnPremToken Source { get; }

        public override string ToString() => Source.ToString();

        /// <summary>What cmdlets write: the object with "SsmOnPrem.Token" as its first type name (format view, docs).</summary>
        internal System.Management.Automation.PSObject ToPSObject()
        {
            var wrapped = System.Management.Automation.PSObject.AsPSObject(this);
            if (wrapped.TypeNames.Count == 0 || wrapped.TypeNames[0] != PSTypeName) wrapped.TypeNames.Insert(0, PSTypeName);
            return wrapped;
        }

        private static SecureString ToSecureString(string value)
        {
            var secure = new SecureString();
            foreach (var c in value ?? "") secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
