namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>
    /// Where the client tells what it does (the cmdlets forward it to -Verbose / -Debug). Every message is masked
    /// before it gets here: no client secret, access token or ID token ever reaches a sink.
    /// </summary>
    public interface IOnPremLog
    {
        void Verbose(string message);
        void Debug(string message);
    }

    internal sealed class NullOnPremLog : IOnPremLog
    {
        internal static readonly NullOnPremLog Instance = new NullOnPremLog();
        public void Verbose(string message) { }
        public void Debug(string message) { }
    }
}
