using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>
    /// The HTTP side of a connection: one HttpClient with the certificate policy, retries with backoff, mapping of
    /// transport failures and status codes to stable errors, masked logging. Authentication is layered on top by
    /// <see cref="OnPremAuthenticator"/>.
    /// </summary>
    internal sealed class OnPremTransport : IDisposable
    {
        private readonly HttpClient _http;
        private readonly CertificatePolicy _certificates;
        private readonly RetryPolicy _retry;
        private readonly TimeSpan _timeout;

        internal OnPremTransport(Uri baseUri, OnPremConnectionOptions options, SecretMasker masker)
        {
            BaseUri = baseUri;
            Masker = masker;
            _retry = options.Retry ?? new RetryPolicy();
            _timeout = options.Timeout <= TimeSpan.Zero ? TimeSpan.FromSeconds(30) : options.Timeout;
            _certificates = new CertificatePolicy(options.SkipCertificateCheck, options.CertificateThumbprint);
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                ServerCertificateCustomValidationCallback = _certificates.Validate,
            };
            _http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan, BaseAddress = baseUri };
            _http.DefaultRequestHeaders.UserAgent.ParseAdd("SsmOnPrem/1.0");
            _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        }

        internal Uri BaseUri { get; }
        internal SecretMasker Masker { get; }

        /// <summary>A response the caller decides about (status and parsed body, if any).</summary>
        internal sealed class Response
        {
            internal HttpStatusCode Status;
            internal string Body;
            internal string Method;
            internal string Path;
            internal int Code => (int)Status;
            internal bool IsSuccess => Code >= 200 && Code < 300;
        }

        /// <summary>
        /// Sends with retries for 409/429/5xx (and dropped connections when <paramref name="idempotent"/>). Returns the
        /// final response whatever its status; throws only for transport failures (timeout, TLS, unreachable).
        /// </summary>
        internal async Task<Response> SendAsync(Func<HttpRequestMessage> build, bool idempotent, IOnPremLog log, CancellationToken ct)
        {
            for (var attempt = 1; ; attempt++)
            {
                using (var request = build())
                using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    deadline.CancelAfter(_timeout);
                    var target = request.Method + " " + new Uri(BaseUri, request.RequestUri).GetLeftPart(UriPartial.Path);
                    log.Verbose(Masker.Apply(attempt == 1 ? target : $"{target} (attempt {attempt} of {_retry.MaxAttempts})"));
                    var watch = Stopwatch.StartNew();
                    _certificates.ClearFailure();
                    HttpResponseMessage response;
                    try
                    {
                        response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        throw new SsmOnPremException(OnPremErrorIds.RequestTimeout, SsmErrorKind.OperationTimeout,
                            $"SSM On-Prem did not answer {target} within {_timeout.TotalSeconds:0.#} s.",
                            "Check that the server is up and not overloaded, or raise -TimeoutSec.") { Target = BaseUri.ToString() };
                    }
                    catch (HttpRequestException ex)
                    {
                        if (_certificates.LastFailureId != null)
                            throw new SsmOnPremException(_certificates.LastFailureId, SsmErrorKind.SecurityError, _certificates.LastFailure,
                                _certificates.LastFailureId == OnPremErrorIds.CertificateMismatch
                                    ? "If the server certificate was replaced on purpose, pin the new thumbprint with -CertificateThumbprint; otherwise do not connect."
                                    : "Trust the SSM On-Prem CA on this machine, connect with the host name in the certificate, pin it with -CertificateThumbprint, or (lab only) use -SkipCertificateCheck.",
                                ex) { Target = BaseUri.ToString() };
                        var refused = FindSocketError(ex);
                        if (refused.HasValue)
                            throw new SsmOnPremException(OnPremErrorIds.ServerUnreachable, SsmErrorKind.ConnectionError,
                                $"Cannot reach SSM On-Prem at {BaseUri.GetLeftPart(UriPartial.Authority)}: {refused.Value}.",
                                "Check the server name and port (the API listens on 8443), DNS, and firewalls.", ex) { Target = BaseUri.ToString() };
                        if (idempotent && attempt < _retry.MaxAttempts)
                        {
                            var wait = _retry.DelayFor(attempt, null);
                            log.Verbose($"{target}: connection lost ({ex.Message}); retrying in {wait.TotalSeconds:0.##} s");
                            await Task.Delay(wait, ct).ConfigureAwait(false);
                            continue;
                        }
                        throw new SsmOnPremException(OnPremErrorIds.ConnectionLost, SsmErrorKind.ConnectionError,
                            $"The connection to SSM On-Prem was lost during {target}: {Masker.Apply(Innermost(ex).Message)}",
                            idempotent ? "Check the network path to the server and try again." : "The server may or may not have done it: check its state (e.g. Get-SsmToken) before trying again.", ex) { Target = BaseUri.ToString() };
                    }

                    using (response)
                    {
                        var body = response.Content == null ? null : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        var code = (int)response.StatusCode;
                        log.Verbose($"{target} -> {code} {response.ReasonPhrase} ({watch.ElapsedMilliseconds} ms)");
                        if (IsRetryable(code) && attempt < _retry.MaxAttempts)
                        {
                            var wait = _retry.DelayFor(attempt, RetryAfter(response));
                            log.Verbose($"{target}: HTTP {code}; retrying in {wait.TotalSeconds:0.##} s");
                            await Task.Delay(wait, ct).ConfigureAwait(false);
                            continue;
                        }
                        return new Response { Status = response.StatusCode, Body = body, Method = request.Method.Method, Path = request.RequestUri.ToString() };
                    }
                }
            }
        }

        private static bool IsRetryable(int code) => code == 409 || code == 429 || (code >= 500 && code <= 599 && code != 501);

        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta.Value;
            if (header.Date.HasValue)
            {
                var wait = header.Date.Value - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }

        private static SocketError? FindSocketError(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
            {
                if (e is SocketException s && s.SocketErrorCode != SocketError.ConnectionReset && s.SocketErrorCode != SocketError.ConnectionAborted) return s.SocketErrorCode;
                if (e is WebException w && (w.Status == WebExceptionStatus.ConnectFailure || w.Status == WebExceptionStatus.NameResolutionFailure)) return SocketError.ConnectionRefused;
            }
            return null;
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }

        /// <summary>Parses a success body; malformed JSON is InvalidServerResponse. The body goes to -Debug redacted.</summary>
        internal JToken ParseJson(Response response, IOnPremLog log)
        {
            if (string.IsNullOrWhiteSpace(response.Body)) return new JObject();
            JToken json;
            try
            {
                using (var reader = new JsonTextReader(new System.IO.StringReader(response.Body)) { DateParseHandling = DateParseHandling.None })
                {
                    json = JToken.ReadFrom(reader);
                    while (reader.Read()) { } // trailing garbage fails too
                }
            }
            catch (JsonException ex)
            {
                throw InvalidResponse(response, "the body is not valid JSON (" + ex.Message + ")", ex);
            }
            log.Debug(Masker.Apply($"{response.Method} {response.Path} body: {JsonRedactor.Redact(json)}"));
            return json;
        }

        internal SsmOnPremException InvalidResponse(Response response, string what, Exception inner = null) =>
            new SsmOnPremException(OnPremErrorIds.InvalidServerResponse, SsmErrorKind.InvalidData,
                Masker.Apply($"SSM On-Prem answered {response.Method} {response.Path} with something this module cannot read: {what}."),
                "Check that -Server points at SSM On-Prem (API port 8443) and that nothing (proxy, load balancer) rewrites its answers; try again.", inner)
            { Target = BaseUri.ToString() };

        /// <summary>The server's own words for a failure, if its body carries any (masked).</summary>
        internal string ServerMessage(Response response)
        {
            if (string.IsNullOrWhiteSpace(response.Body)) return null;
            try
            {
                if (JToken.Parse(response.Body) is JObject obj)
                {
                    foreach (var key in new[] { "message", "error_description", "statusMessage", "error" })
                    {
                        var value = obj[key];
                        if (value != null && value.Type == JTokenType.String && !string.IsNullOrWhiteSpace((string)value)) return Masker.Apply((string)value);
                    }
                }
            }
            catch (JsonException) { }
            return null;
        }

        /// <summary>Errors for a final non-success status that needs no diagnosis (404 is the caller's business).</summary>
        internal SsmOnPremException StatusError(Response response, string doing)
        {
            var said = ServerMessage(response);
            var suffix = said == null ? "" : $" The server said: {said}";
            var code = response.Code;
            SsmOnPremException Error(string id, SsmErrorKind kind, string message, string action) =>
                new SsmOnPremException(id, kind, message + suffix, action) { Target = BaseUri.ToString() };
            switch (code)
            {
                case 400:
                    return Error(OnPremErrorIds.RequestRejected, SsmErrorKind.InvalidArgument, $"SSM On-Prem refused to {doing} (HTTP 400).", "Correct the values named in the server's answer and try again.");
                case 401:
                    return Error(OnPremErrorIds.AuthenticationFailed, SsmErrorKind.AuthenticationError, $"SSM On-Prem refused the credentials while trying to {doing} (HTTP 401).", "Check the API client id and secret (On-Prem UI: API Toolkit) and reconnect with Connect-SsmOnPrem.");
                case 403:
                    return Error(OnPremErrorIds.PermissionDenied, SsmErrorKind.PermissionDenied, $"SSM On-Prem denied the request to {doing} (HTTP 403).", "Check that the API Toolkit is enabled on SSM On-Prem and that this API client is allowed on the local account.");
                case 409:
                case 429:
                    return Error(OnPremErrorIds.ServerBusy, SsmErrorKind.ResourceUnavailable, $"SSM On-Prem is busy and kept refusing to {doing} (HTTP {code}) after {_retry.MaxAttempts} attempts.", "Wait a minute and try again, or lower the request rate (-ThrottleLimit).");
                case 502:
                case 503:
                case 504:
                    return Error(OnPremErrorIds.ServerUnavailable, SsmErrorKind.ResourceUnavailable, $"SSM On-Prem is unavailable (HTTP {code}) and could not {doing} after {_retry.MaxAttempts} attempts; it answers 502 while it boots.", "Wait until the On-Prem UI loads, then try again.");
                default:
                    if (code >= 500)
                        return Error(OnPremErrorIds.ServerError, SsmErrorKind.ResourceUnavailable, $"SSM On-Prem failed to {doing} (HTTP {code}) after {_retry.MaxAttempts} attempts.", "Check the On-Prem server's health (System Health in the UI) and try again.");
                    return Error(OnPremErrorIds.InvalidServerResponse, SsmErrorKind.InvalidData, $"SSM On-Prem answered HTTP {code} when asked to {doing}.", "Check that -Server points at SSM On-Prem.");
            }
        }

        internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        public void Dispose() => _http.Dispose();
    }
}
