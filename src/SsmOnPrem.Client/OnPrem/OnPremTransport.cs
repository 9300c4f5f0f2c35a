using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
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
        private readonly long _maxResponseBytes;

        internal OnPremTransport(Uri baseUri, OnPremConnectionOptions options, SecretMasker masker)
        {
            BaseUri = baseUri;
            Masker = masker;
            _retry = options.Retry ?? new RetryPolicy();
            _timeout = options.Timeout <= TimeSpan.Zero ? TimeSpan.FromSeconds(30) : options.Timeout;
            _maxResponseBytes = options.MaxResponseBytes > 0 ? options.MaxResponseBytes : 32L * 1024 * 1024;
            _certificates = new CertificatePolicy(options.SkipCertificateCheck, options.CertificateThumbprint);
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                ServerCertificateCustomValidationCallback = _certificates.Validate,
            };
            SetModernTls(handler);
            _http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan, BaseAddress = baseUri };
            _http.DefaultRequestHeaders.UserAgent.ParseAdd("SsmOnPrem/1.0");
            _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        }

        internal Uri BaseUri { get; }
        internal SecretMasker Masker { get; }

        /// <summary>TLS 1.2 and 1.3 only: Windows PowerShell 5.1 (.NET Framework) does not offer TLS 1.2 everywhere by default.</summary>
        private static void SetModernTls(HttpClientHandler handler)
        {
            const SslProtocols tls13 = (SslProtocols)12288; // SslProtocols.Tls13: not named in netstandard2.0
            try { handler.SslProtocols = SslProtocols.Tls12 | tls13; }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PlatformNotSupportedException)
            {
                handler.SslProtocols = SslProtocols.Tls12; // a runtime without TLS 1.3
            }
        }

        /// <summary>A response the caller decides about (status and parsed body, if any).</summary>
        internal sealed class Response
        {
            internal HttpStatusCode Status;
            internal string Body;
            internal string Method;
            internal string Path;
            /// <summary>How many times it was sent (retries included).</summary>
            internal int Attempts = 1;
            /// <summary>The Server header, if any (a version hint for Test-SsmOnPremApi).</summary>
            internal string ServerHeader;
            internal int Code => (int)Status;
            internal bool IsSuccess => Code >= 200 && Code < 300;
        }

        /// <summary>
        /// Sends with retries for 409/429, and for 5xx and dropped connections only when <paramref name="idempotent"/>
        /// (a create that failed with a 5xx may have happened: the caller looks for it instead). Returns the final
        /// response whatever its status; throws only for transport failures (timeout, TLS, unreachable, oversized body).
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
                    HttpResponseMessage response;
                    string body;
                    try
                    {
                        response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                        try { body = await ReadBodyAsync(response, target, deadline.Token).ConfigureAwait(false); }
                        catch { response.Dispose(); throw; }
                    }
                    catch (ObjectDisposedException ex)
                    {
                        throw new SsmOnPremException(OnPremErrorIds.NotConnected, SsmErrorKind.InvalidOperation,
                            $"The connection to {BaseUri.GetLeftPart(UriPartial.Authority)} was closed (Disconnect-SsmOnPrem).",
                            "Connect again with Connect-SsmOnPrem, or pass a connection that is still open to -Connection.", ex) { Target = BaseUri.ToString() };
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        throw new SsmOnPremException(OnPremErrorIds.RequestTimeout, SsmErrorKind.OperationTimeout,
                            $"SSM On-Prem did not answer {target} within {_timeout.TotalSeconds:0.#} s.",
                            "Check that the server is up and not overloaded, or raise -TimeoutSec.") { Target = BaseUri.ToString() };
                    }
                    catch (Exception ex) when (ex is HttpRequestException || ex is System.IO.IOException)
                    {
                        var tls = CertificatePolicy.FailureOf(request);
                        if (tls != null)
                            throw new SsmOnPremException(tls.Id, SsmErrorKind.SecurityError, tls.Message,
                                tls.Id == OnPremErrorIds.CertificateMismatch
                                    ? "If the server certificate was replaced on purpose, pin the new thumbprint with -ServerCertificateThumbprint; otherwise do not connect."
                                    : "Trust the SSM On-Prem CA on this machine, connect with the host name in the certificate, pin it with -ServerCertificateThumbprint, or (lab only) use -SkipCertificateCheck.",
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
                        var code = (int)response.StatusCode;
                        log.Verbose($"{target} -> {code} {response.ReasonPhrase} ({watch.ElapsedMilliseconds} ms)");
                        if (IsRetryable(code, idempotent) && attempt < _retry.MaxAttempts)
                        {
                            var wait = _retry.DelayFor(attempt, RetryAfter(response));
                            log.Verbose($"{target}: HTTP {code}; retrying in {wait.TotalSeconds:0.##} s");
                            await Task.Delay(wait, ct).ConfigureAwait(false);
                            continue;
                        }
                        return new Response
                        {
                            Status = response.StatusCode, Body = body, Method = request.Method.Method, Path = request.RequestUri.OriginalString, Attempts = attempt,
                            ServerHeader = response.Headers.Server == null || response.Headers.Server.Count == 0 ? null : response.Headers.Server.ToString(),
                        };
                    }
                }
            }
        }

        private static bool IsRetryable(int code, bool idempotent) =>
            code == 409 || code == 429 || (idempotent && code >= 500 && code <= 599 && code != 501);

        /// <summary>The body as text, refused past the size cap (InvalidServerResponse) before it is all in memory.</summary>
        private async Task<string> ReadBodyAsync(HttpResponseMessage response, string target, CancellationToken ct)
        {
            if (response.Content == null) return null;
            var declared = response.Content.Headers.ContentLength;
            if (declared.HasValue && declared.Value > _maxResponseBytes) throw TooLarge(target, declared.Value);
            using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var buffer = new System.IO.MemoryStream())
            {
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, ct).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > _maxResponseBytes) throw TooLarge(target, null);
                    buffer.Write(chunk, 0, read);
                }
                var charset = response.Content.Headers.ContentType?.CharSet;
                System.Text.Encoding encoding;
                try { encoding = string.IsNullOrEmpty(charset) ? System.Text.Encoding.UTF8 : System.Text.Encoding.GetEncoding(charset.Trim('"')); }
                catch (ArgumentException) { encoding = System.Text.Encoding.UTF8; }
                return encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
        }

        private SsmOnPremException TooLarge(string target, long? size) =>
            new SsmOnPremException(OnPremErrorIds.InvalidServerResponse, SsmErrorKind.InvalidData,
                $"SSM On-Prem answered {target} with more than {_maxResponseBytes / 1024 / 1024.0:0.#} MB{(size.HasValue ? $" ({size.Value} bytes)" : "")}: more than this module reads from one answer.",
                "Check that -Server points at SSM On-Prem and that no proxy answers in its place; narrow the request (e.g. -VirtualAccount).")
            { Target = BaseUri.ToString() };

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
            JsonRedactor.RememberSecrets(json, Masker); // a created token is masked before any line can carry it
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
                    return Error(OnPremErrorIds.PermissionDenied, SsmErrorKind.PermissionDenied, $"SSM On-Prem denied the request to {doing} (HTTP 403), also with a newly issued access token.", "Check that the API Toolkit is enabled on SSM On-Prem and that this API client (and user, with -UserCredential) is allowed on the local account.");
                case 409:
                case 429:
                    return Error(OnPremErrorIds.ServerBusy, SsmErrorKind.ResourceUnavailable, $"SSM On-Prem is busy and kept refusing to {doing} (HTTP {code}) after {response.Attempts} attempt(s).", "Wait a minute and try again, or lower the request rate (-ThrottleLimit).");
                case 502:
                case 503:
                case 504:
                    return Error(OnPremErrorIds.ServerUnavailable, SsmErrorKind.ResourceUnavailable, $"SSM On-Prem is unavailable (HTTP {code}) and could not {doing} after {response.Attempts} attempt(s); it answers 502 while it boots.", "Wait until the On-Prem UI loads, then try again.");
                default:
                    if (code >= 500)
                        return Error(OnPremErrorIds.ServerError, SsmErrorKind.ResourceUnavailable, $"SSM On-Prem failed to {doing} (HTTP {code}) after {response.Attempts} attempt(s).", "Check the On-Prem server's health (System Health in the UI) and try again.");
                    return Error(OnPremErrorIds.InvalidServerResponse, SsmErrorKind.InvalidData, $"SSM On-Prem answered HTTP {code} when asked to {doing}.", "Check that -Server points at SSM On-Prem.");
            }
        }

        internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        public void Dispose() => _http.Dispose();
    }
}
