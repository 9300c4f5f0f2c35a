namespace SsmOnPrem.Client.Devices.Cli
{
    /// <summary>Where a session reports what it does: verbose messages and the transcript. Verbose and Sent arrive masked; Received arrives raw, in chunks that may split a secret, so the log masks it per line.</summary>
    public interface ISessionLog
    {
        void Verbose(string message);
        void Sent(string text);
        void Received(string text);
    }

    internal sealed class NullSessionLog : ISessionLog
    {
        public static readonly NullSessionLog Instance = new NullSessionLog();
        public void Verbose(string message) { }
        public void Sent(string text) { }
        public void Received(string text) { }
    }
}
