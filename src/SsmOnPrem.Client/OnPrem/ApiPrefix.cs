namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>
    /// Where the server's API lives: "/oauth/token" + "/api/v1" (Root) or "/backend/oauth/token" + "/backend/api/v1"
    /// (Backend). Both are seen on real servers; Auto tries Root and falls back to Backend on a 404.
    /// </summary>
    public enum ApiPrefix
    {
        Auto,
        Root,
        Backend,
    }

    /// <summary>The device-facing transport a URL is for.</summary>
    public enum TransportType
    {
        /// <summary>SLP: 'license smart url cslu URL' (https://HOST/cslu/v1/pi/TENANT).</summary>
        Cslu,
        /// <summary>Legacy call-home profile destination (https://HOST/Transportgateway/services/DeviceRequestHandler).</summary>
        CallHome,
        /// <summary>Legacy 'license smart transport smart' + 'license smart url URL' (https://HOST/SmartTransport).</summary>
        SmartTransport,
    }
}
