using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SsmOnPrem.Lab.OnPrem
{
    /// <summary>
    /// Request handling shared by the emulator's endpoint files: routing table, fault injection, JSON helpers.
    /// The endpoint groups live in AdminApiEndpoints.cs, DeviceEndpoints.cs and LabEndpoints.cs.
    /// </summary>
    internal sealed partial class OnPremHandlers
    {
        internal static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private readonly OnPremEmulatorOptions _options;
        private readonly OnPremState _state;
        private readonly OnPremFaults _faults;

        internal OnPremHandlers(OnPremEmulatorOptions options, OnPremState state, OnPremFaults faults)
        {
            _options = options;
            _state = state;
            _faults = faults;
        }

        internal void Map(WebApplication app)
        {
            app.Use(InjectFaults);
            if (_options.ApiPrefixes != EmulatedApiPrefix.BackendOnly) MapAdminApi(app, "");
            if (_options.ApiPrefixes != EmulatedApiPrefix.RootOnly) MapAdminApi(app, "/backend");
            MapDeviceEndpoints(app);
            MapLabEndpoints(app);
        }

        private static bool IsDevicePath(PathString path) =>
            path.StartsWithSegments("/Transportgateway") || path.StartsWithSegments("/SmartTransport") || path.StartsWithSegments("/cslu");

        private async Task InjectFaults(HttpContext context, Func<Task> next)
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/lab") || (IsDevicePath(path) && !_faults.IncludeDeviceEndpoints))
            {
                await next();
                return;
            }
            if (_faults.LatencyMs > 0) await Task.Delay(_faults.LatencyMs, context.RequestAborted);
            if (DateTimeOffset.UtcNow < _faults.BootUntil)
            {
                await WriteText(context, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1>The server is starting.</body></html>");
                return;
            }
            if (_faults.TryTake(f => f.DropConnections, (f, v) => f.DropConnections = v))
            {
                context.Abort();
                return;
            }
            if (_faults.TryTake(f => f.TooManyRequests, (f, v) => f.TooManyRequests = v))
            {
                context.Response.Headers["Retry-After"] = _faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteJson(context, 429, new { error = "too_many_requests", message = "Rate limit exceeded" });
                return;
            }
            if (_faults.TryTake(f => f.Conflicts, (f, v) => f.Conflicts = v))
            {
                await WriteJson(context, 409, new { error = "conflict", message = "Another operation is in progress" });
                return;
            }
            if (_faults.TryTake(f => f.ServerErrors, (f, v) => f.ServerErrors = v))
            {
                await WriteJson(context, 500, new { error = "internal_error", message = "Internal Server Error" });
                return;
            }
            if (_faults.Forbidden)
            {
                await WriteJson(context, 403, new { error = "Forbidden", message = "Access is denied" });
                return;
            }
            if (_faults.TryTake(f => f.MalformedBodies, (f, v) => f.MalformedBodies = v))
            {
                await WriteText(context, 200, "application/json", "{\"tokens\": [ {\"token\": <html>truncated");
                return;
            }
            if (IsCreatingPost(context.Request) && _faults.TryTake(f => f.GatewayTimeoutAfterCreate, (f, v) => f.GatewayTimeoutAfterCreate = v))
            {
                // Do it, then lose the answer (a proxy timing out): the client cannot tell whether it happened.
                var real = context.Response.Body;
                context.Response.Body = new MemoryStream();
                try { await next(); }
                finally { context.Response.Body = real; }
                context.Response.Clear();
                await WriteText(context, 504, "text/html", "<html><body><h1>504 Gateway Time-out</h1></body></html>");
                return;
            }
            await next();
        }

        /// <summary>A POST that changes something (the listing POSTs of accounts and licenses do not).</summary>
        private static bool IsCreatingPost(HttpRequest request) =>
            HttpMethods.IsPost(request.Method) && request.Path.Value.Contains("/api/v1/accounts/", StringComparison.Ordinal)
            && !request.Path.Value.EndsWith("/licenses", StringComparison.Ordinal);

        internal static Task WriteJson(HttpContext context, int status, object body)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
        }

        private static Task WriteText(HttpContext context, int status, string contentType, string text)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync(text);
        }

        /// <summary>Reads parameters from the query, a form body or a JSON body (clients of the real product send all three).</summary>
        internal static async Task<Dictionary<string, string>> ReadParameters(HttpRequest request)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var q in request.Query) values[q.Key] = q.Value.ToString();
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync();
                foreach (var f in form) values[f.Key] = f.Value.ToString();
            }
            else if (request.ContentType != null && request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                var node = await ReadJsonNode(request);
                if (node is JsonObject obj)
                {
                    foreach (var p in obj) values[p.Key] = p.Value switch { null => null, JsonValue v => v.ToString(), _ => p.Value.ToJsonString() };
                }
            }
            return values;
        }

        internal static async Task<JsonNode> ReadJsonNode(HttpRequest request)
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync();
            if (string.IsNullOrWhiteSpace(text)) return null;
            try { return JsonNode.Parse(text); }
            catch (JsonException) { throw new BadRequestException("The request body is not valid JSON."); }
        }

        internal static async Task<T> ReadBody<T>(HttpRequest request) where T : class
        {
            try { return await JsonSerializer.DeserializeAsync<T>(request.Body, Json); }
            catch (JsonException) { throw new BadRequestException("The request body is not valid JSON."); }
        }

        internal sealed class BadRequestException : Exception
        {
            internal BadRequestException(string message) : base(message) { }
        }

        internal static string Iso(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }
}
