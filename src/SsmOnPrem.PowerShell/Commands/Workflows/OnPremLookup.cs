using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.OnPrem;

namespace SsmOnPrem.Commands
{
    /// <summary>What the workflow cmdlets ask the connected On-Prem (transport URLs, a token sized to the run) and token input handling.</summary>
    internal static class OnPremLookup
    {
        internal static T Call<T>(OnPremConnection connection, Func<OnPremClient, CancellationToken, Task<T>> call, CancellationToken ct) =>
            Task.Run(() => call(new OnPremClient(connection), ct)).GetAwaiter().GetResult();

        /// <summary>The device-facing URL of a transport, from On-Prem.</summary>
        internal static string TransportUrl(OnPremConnection connection, TransportType type, CancellationToken ct) =>
            Call(connection, (c, t) => c.GetTransportUrlAsync(type, null, null, t), ct).Url;

        /// <summary>Device-facing URLs: all from -Url when given, else from the connected On-Prem (CSLU optional: a warning when it cannot be read).</summary>
        internal static void FillUrls(Client.Workflows.RegistrationRequest request, OnPremConnection connection, string url, Action<string> warn, CancellationToken ct)
        {
            if (url != null)
            {
                request.CallHomeUrl = request.CsluUrl = request.SmartTransportUrl = Client.Devices.CliArgument.Url(url, "-Url");
                return;
            }
            if (connection == null) return;
            request.CallHomeUrl = TransportUrl(connection, TransportType.CallHome, ct);
            request.SmartTransportUrl = TransportUrl(connection, TransportType.SmartTransport, ct);
            try { request.CsluUrl = TransportUrl(connection, TransportType.Cslu, ct); }
            catch (SsmOnPremException ex) { warn($"No CSLU URL for Smart Licensing Using Policy devices: {ex.Message}"); }
        }

        /// <summary>-Token as SecureString, string, or a token object from New-SsmToken / Get-SsmToken.</summary>
        internal static string TokenText(object token)
        {
            if (token is PSObject wrapped) token = wrapped.BaseObject;
            if (token is RegistrationToken registration) token = registration.Token;
            if (token is PSObject inner) token = inner.BaseObject;
            switch (token)
            {
                case null: return null;
                case string text: return text.Trim();
                case SecureString secure: return Plain(secure);
                default:
                    throw new SsmOnPremException("InvalidToken", SsmErrorKind.InvalidArgument,
                        $"-Token must be a SecureString, a string or a token from New-SsmToken, not {token.GetType().Name}.", "Pass the token from New-SsmToken.");
            }
        }

        private static string Plain(SecureString secure)
        {
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(ptr);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
