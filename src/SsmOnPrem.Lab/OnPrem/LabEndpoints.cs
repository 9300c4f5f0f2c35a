using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SsmOnPrem.Lab.OnPrem
{
    // Lab-only admin endpoints (never faulted, no authentication: loopback test infrastructure).
    //   GET  /lab/state    access tokens issued, tokens, product instances, usage reports, alerts, API call count
    //   GET  /lab/faults   the live fault knobs;  POST /lab/faults (JSON OnPremFaults) replaces them
    //   POST /lab/reset    back to the seeded state, faults off
    internal sealed partial class OnPremHandlers
    {
        private void MapLabEndpoints(WebApplication app)
        {
            app.MapGet("/lab/state", ctx => WriteJson(ctx, 200, new
            {
                apiCalls = _state.ApiCallCount,
                accessTokens = _state.GetAccessTokenValues(),
                virtualAccounts = _state.GetVirtualAccountNames(),
                tokens = _state.GetTokens().Select(t => new
                {
                    t.Value, t.Account, t.VirtualAccount, t.Description, t.CreatedOn, t.ExpiresOn, t.ExportControlled,
                    t.MaxUses, t.Uses, t.UsesRemaining, t.Revoked, Status = t.Status(System.DateTimeOffset.UtcNow),
                }),
                productInstances = _state.GetProductInstances(),
                usageReports = _state.GetUsageReports(),
                alerts = _state.GetAlerts(),
            }));
            app.MapGet("/lab/faults", ctx => WriteJson(ctx, 200, _faults));
            app.MapPost("/lab/faults", async ctx =>
            {
                OnPremFaults requested;
                try { requested = await ReadBody<OnPremFaults>(ctx.Request); }
                catch (BadRequestException ex) { await WriteJson(ctx, 400, new { error = ex.Message }); return; }
                _faults.CopyFrom(requested ?? new OnPremFaults());
                await WriteJson(ctx, 200, _faults);
            });
            app.MapPost("/lab/reset", async ctx =>
            {
                _state.Seed(_options);
                _faults.Clear();
                await WriteJson(ctx, 200, new { reset = true });
            });
        }
    }
}
