using System;
using System.Management.Automation;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.OnPrem;

using SsmOnPrem.Commands.Completion;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// OAuth login to SSM On-Prem (client credentials, or the password grant with -UserCredential); stores the
    /// connection as this session's default.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "SsmOnPrem")]
    [OutputType(typeof(OnPremConnection))]
    public sealed class ConnectSsmOnPremCommand : OnPremEngineCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("OnPremServer")]
        [ValidateNotNullOrEmpty]
        public string Server { get; set; }

        /// <summary>User name = API client id, password = client secret (On-Prem UI: API Toolkit).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ApiCredential")]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        /// <summary>An On-Prem user (password grant); the API client of -Credential is still needed.</summary>
        [Parameter]
        [Credential]
        public PSCredential UserCredential { get; set; }

        /// <summary>Local account name or domain; default: the only account this API client sees.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Account { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VirtualAccountCompleter))]
        public string VirtualAccount { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 8443;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int DevicePort { get; set; } = 443;

        /// <summary>Host name devices are given in the device-facing URLs (default: -Server's host); must be a name the On-Prem certificate carries.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string DeviceHost { get; set; }

        // Backing fields of engine enums are ints: PowerShell lays this class out before the engine assembly can load.
        private int _apiPrefix;

        [Parameter]
        public ApiPrefix ApiPrefix { get => (ApiPrefix)_apiPrefix; set => _apiPrefix = (int)value; }

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CertificateThumbprint")]
        [ValidateNotNullOrEmpty]
        public string ServerCertificateThumbprint { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 30;

        [Parameter]
        [ValidateRange(0, 20)]
        public int MaximumRetryCount { get; set; } = 5;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            if (SkipCertificateCheck && ServerCertificateThumbprint != null)
                ThrowSsmError(new SsmOnPremException("ConflictingCertificateOptions", SsmErrorKind.InvalidArgument,
                    "-SkipCertificateCheck and -ServerCertificateThumbprint cannot be used together.", "Pin the thumbprint (safer) or skip the check, not both."));
            if (DeviceHost != null)
            {
                try { Client.Devices.CliArgument.Hostname(DeviceHost, "-DeviceHost"); }
                catch (SsmOnPremException ex) { ThrowSsmError(ex, DeviceHost); }
            }
            var network = Credential.GetNetworkCredential();
            var user = UserCredential?.GetNetworkCredential();
            var options = new OnPremConnectionOptions
            {
                Server = Server,
                Port = Port,
                DevicePort = DevicePort,
                DeviceHost = DeviceHost,
                ClientId = Credential.UserName,
                ClientSecret = network.Password,
                UserName = UserCredential?.UserName,
                UserPassword = user?.Password,
                Account = Account,
                VirtualAccount = VirtualAccount,
                ApiPrefix = ApiPrefix,
                SkipCertificateCheck = SkipCertificateCheck,
                CertificateThumbprint = ServerCertificateThumbprint,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                Retry = new RetryPolicy { MaxAttempts = MaximumRetryCount + 1 },
            };
            if (SkipCertificateCheck) WriteWarningNonBlocking("The server certificate is not checked (-SkipCertificateCheck): use this in a lab only; pin it with -ServerCertificateThumbprint instead.");
            var masker = new SecretMasker();
            masker.Add(network.Password);
            masker.Add(user?.Password);

            OnPremConnection connection = null;
            try
            {
                connection = RunEngine(masker.Apply, (log, ct) => OnPremConnection.ConnectAsync(options, log, ct));
            }
            catch (SsmOnPremException ex)
            {
                ThrowSsmError(ex, Server);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                return;
            }
            // The previous default is replaced, not closed: a script may still hold it (-PassThru) and use it via -Connection.
            if (connection.CertificateThumbprintIsSha1)
                WriteWarningNonBlocking("The server certificate is pinned by its SHA-1 thumbprint: accepted, but pin the SHA-256 thumbprint instead (openssl x509 -noout -fingerprint -sha256).");
            WarnAboutDevicePort(connection);
            OnPremSessions.Set(connection);
            WriteVerbose($"Connected to {connection} (API prefix {connection.ApiPrefix}); it is this session's default connection");
            if (PassThru) WriteObject(connection);
        }

        // Devices use their own port (443 on the product): a non-standard API port suggests a lab or a NAT where they differ too.
        private void WarnAboutDevicePort(OnPremConnection connection)
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(DevicePort)) || connection.Port == 443 || connection.Port == 8443) return;
            WriteWarningNonBlocking($"Devices will be sent to port {connection.DevicePort} (-DevicePort was not given), while the API answers on port {connection.Port}. " +
                $"If the device-facing port of this server is not {connection.DevicePort}, connect again with -DevicePort <port>.");
        }
    }

    /// <summary>Forgets the session's default On-Prem connection (or the one given).</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "SsmOnPrem")]
    [OutputType(typeof(void))]
    public sealed class DisconnectSsmOnPremCommand : OnPremCmdlet
    {
        protected override void EndProcessing()
        {
            var current = OnPremSessions.Current;
            var target = Connection ?? current;
            if (target == null)
            {
                WriteVerbose("Not connected to SSM On-Prem: nothing to do");
                return;
            }
            if (ReferenceEquals(target, current)) OnPremSessions.Set(null);
            target.Dispose();
            WriteVerbose($"Disconnected from {target}");
        }
    }
}
