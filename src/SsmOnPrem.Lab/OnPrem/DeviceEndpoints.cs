using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SsmOnPrem.Lab.Contracts;

namespace SsmOnPrem.Lab.OnPrem
{
    // The device-facing endpoints (real product: port 443) that emulated devices call, per Contracts/DeviceProtocol.cs.
    // Refusal reasons are what a device prints after "Failure reason:". Their JSON-ish form follows the captured
    // CSSM answer in device-outputs (iosxe17 tech-support: {"product_instance_identifier":["... is not valid ..."]});
    // the exact token wording of the real product is not public.
    internal sealed partial class OnPremHandlers
    {
        internal const string ReasonTokenUnknown = "{\"token\":[\"The ID token is not valid.\"]}";
        internal const string ReasonTokenExpired = "{\"token\":[\"The ID token has expired.\"]}";
        internal const string ReasonTokenRevoked = "{\"token\":[\"The ID token has been revoked.\"]}";
        internal const string ReasonTokenExhausted = "{\"token\":[\"The ID token has reached its maximum number of uses.\"]}";
        internal const string ReasonAlreadyRegistered = "{\"product_instance_identifier\":[\"The product instance is already registered. Use the force option to register it again.\"]}";
        internal const string ReasonNotRegistered = "{\"product_instance_identifier\":[\"The identity for the instance is not valid.Please re-register the instance.\"]}";

        private void MapDeviceEndpoints(WebApplication app)
        {
            app.MapPost("/Transportgateway/services/DeviceRequestHandler", ctx => HandleRegistration(ctx, "CallHome"));
            app.MapPost("/SmartTransport", ctx => HandleRegistration(ctx, "SmartTransport"));
            app.MapPost("/cslu/v1/pi/{tenant}", HandleCslu);
        }

        /// <summary>Validates and consumes one use of an ID token. Returns a refusal reason or null. Caller holds the lock.</summary>
        private string ConsumeToken(string value, DateTimeOffset now, out EmulatedToken token)
        {
            token = _state.Tokens.FirstOrDefault(t => t.Value == value?.Trim());
            if (token == null) return ReasonTokenUnknown;
            switch (token.Status(now))
            {
                case "REVOKED": return ReasonTokenRevoked;
                case "EXPIRED": return ReasonTokenExpired;
                case "EXHAUSTED": return ReasonTokenExhausted;
            }
            return null;
        }

        private async Task HandleRegistration(HttpContext context, string transport)
        {
            DeviceRegistrationRequest request;
            try { request = await ReadBody<DeviceRegistrationRequest>(context.Request); }
            catch (BadRequestException ex) { await WriteJson(context, 400, new DeviceRegistrationResponse { Reason = ex.Message }); return; }
            if (request?.Device == null || string.IsNullOrEmpty(request.Device.SerialNumber))
            {
                await WriteJson(context, 400, new DeviceRegistrationResponse { Reason = "The request does not identify the product instance." });
                return;
            }
            var now = DateTimeOffset.UtcNow;
            var (status, response) = Register(request, transport, now);
            await WriteJson(context, status, response);
        }

        private (int, DeviceRegistrationResponse) Register(DeviceRegistrationRequest request, string transport, DateTimeOffset now)
        {
            lock (_state.Gate)
            {
                var existing = FindInstance(request.Device);
                switch (request.Action ?? DeviceActions.Register)
                {
                    case DeviceActions.Register:
                    {
                        var reason = ConsumeToken(request.IdToken, now, out var token);
                        if (reason != null) return (400, new DeviceRegistrationResponse { Reason = reason });
                        if (existing?.RegisteredOn != null && !request.Force)
                            return (409, new DeviceRegistrationResponse { Reason = ReasonAlreadyRegistered });
                        token.Uses++;
                        var pi = existing ?? AddInstance(request.Device);
                        UpdateIdentity(pi, request.Device);
                        pi.Account = token.Account;
                        pi.VirtualAccount = token.VirtualAccount;
                        pi.Transport = transport;
                        pi.RegisteredOn = now;
                        pi.ExportControlled = token.ExportControlled;
                        return (200, Success(pi, now));
                    }
                    case DeviceActions.Renew:
                        if (existing?.RegisteredOn == null) return (400, new DeviceRegistrationResponse { Reason = ReasonNotRegistered });
                        existing.Transport = transport;
                        return (200, Success(existing, now));
                    case DeviceActions.Deregister:
                        if (existing != null) existing.RegisteredOn = null;
                        return (200, new DeviceRegistrationResponse { Success = true });
                    default:
                        return (400, new DeviceRegistrationResponse { Reason = $"Unsupported action '{request.Action}'." });
                }
            }
        }

        private static DeviceRegistrationResponse Success(EmulatedProductInstance pi, DateTimeOffset now) => new DeviceRegistrationResponse
        {
            Success = true,
            SmartAccount = pi.Account,
            VirtualAccount = pi.VirtualAccount,
            ExportControlled = pi.ExportControlled,
            RegistrationExpires = now.AddDays(365),
            AuthorizationExpires = now.AddDays(90),
        };

        private EmulatedProductInstance FindInstance(DeviceIdentity device) =>
            _state.ProductInstances.FirstOrDefault(p => string.Equals(p.SerialNumber, device.SerialNumber, StringComparison.OrdinalIgnoreCase)
                                                        && string.Equals(p.Pid ?? "", device.Pid ?? "", StringComparison.OrdinalIgnoreCase));

        private EmulatedProductInstance AddInstance(DeviceIdentity device)
        {
            var pi = new EmulatedProductInstance();
            UpdateIdentity(pi, device);
            _state.ProductInstances.Add(pi);
            return pi;
        }

        private static void UpdateIdentity(EmulatedProductInstance pi, DeviceIdentity device)
        {
            pi.Hostname = device.Hostname ?? pi.Hostname;
            pi.Pid = device.Pid ?? pi.Pid;
            pi.SerialNumber = device.SerialNumber ?? pi.SerialNumber;
            pi.Platform = device.Platform ?? pi.Platform;
            pi.Release = device.Release ?? pi.Release;
        }

        /// <summary>The local account a CSLU tenant names ("percent-encoded account name"-"id", A and G). Caller holds the lock.</summary>
        private EmulatedAccount ResolveTenant(string tenant) =>
            _state.Accounts.FirstOrDefault(a => tenant == a.CsluTenant || tenant == a.Name + "-" + a.Id);

        /// <summary>Where an SLP report lands: the LVA of the trust token, else where the instance already is, else the default LVA.</summary>
        private static EmulatedVirtualAccount LandingVirtualAccount(EmulatedAccount account, EmulatedProductInstance existing, EmulatedToken token) =>
            account.VirtualAccounts.FirstOrDefault(v => token != null && v.Name == token.VirtualAccount)
            ?? account.VirtualAccounts.FirstOrDefault(v => existing != null && existing.Account == account.Name && v.Name == existing.VirtualAccount)
            ?? account.VirtualAccounts.FirstOrDefault(v => v.IsDefault) ?? account.VirtualAccounts.First();

        private async Task HandleCslu(HttpContext context)
        {
            var tenant = (string)context.Request.RouteValues["tenant"];
            UsageReportRequest request;
            try { request = await ReadBody<UsageReportRequest>(context.Request); }
            catch (BadRequestException ex) { await WriteJson(context, 400, new UsageReportResponse { Reason = ex.Message }); return; }
            if (request?.Device == null || string.IsNullOrEmpty(request.Device.SerialNumber))
            {
                await WriteJson(context, 400, new UsageReportResponse { Reason = "The request does not identify the product instance." });
                return;
            }
            var now = DateTimeOffset.UtcNow;
            int status;
            UsageReportResponse response;
            lock (_state.Gate)
            {
                var account = ResolveTenant(tenant);
                if (account == null)
                {
                    status = 404;
                    response = new UsageReportResponse { Reason = $"No local account matches the tenant '{tenant}'. Check the CSLU Transport URL in SSM On-Prem (Inventory > General)." };
                }
                else (status, response) = Report(request, account, tenant, now);
            }
            await WriteJson(context, status, response);
        }

        private (int, UsageReportResponse) Report(UsageReportRequest request, EmulatedAccount account, string tenant, DateTimeOffset now)
        {
            EmulatedToken token = null;
            if (request.Action == DeviceActions.Trust)
            {
                var reason = ConsumeToken(request.IdToken, now, out token);
                if (reason != null) return (400, new UsageReportResponse { Reason = reason });
                if (token.Account != account.Name)
                    return (400, new UsageReportResponse { Reason = "{\"token\":[\"The ID token belongs to another local account than the CSLU tenant.\"]}" });
            }
            else if (request.Action != DeviceActions.Report)
            {
                return (400, new UsageReportResponse { Reason = $"Unsupported action '{request.Action}'." });
            }
            var existing = FindInstance(request.Device);
            var va = LandingVirtualAccount(account, existing, token);
            var pi = existing ?? AddInstance(request.Device);
            UpdateIdentity(pi, request.Device);
            var response = new UsageReportResponse { SmartAccount = account.Name, VirtualAccount = va.Name };
            if (token != null)
            {
                token.Uses++;
                pi.TrustedOn = now;
                response.TrustCodeInstalled = now;
            }
            pi.Account = account.Name;
            pi.VirtualAccount = va.Name;
            pi.Transport = "Cslu";
            pi.LastReportOn = now;
            pi.LastUsage = request.Usage?.ToList() ?? new System.Collections.Generic.List<UsageEntry>();
            _state.UsageReports.Add(new EmulatedUsageReport { Tenant = tenant, VirtualAccount = va.Name, Udi = pi.Udi, Hostname = pi.Hostname, ReceivedOn = now, Usage = pi.LastUsage });
            _state.Alerts.Add(new EmulatedAlert { Message = EmulatedAlert.UsageReportReceived, VirtualAccount = va.Name, Udi = pi.Udi, RaisedOn = now });
            response.Success = true;
            response.AckReceived = now;
            return (200, response);
        }
    }
}
