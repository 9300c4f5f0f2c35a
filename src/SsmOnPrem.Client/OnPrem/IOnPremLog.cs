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

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>
    /// A log the cmdlet layer drains from the pipeline thread (engine calls run on pool threads, where -Verbose cannot
    /// be written). Lives in the engine because the cmdlet assembly must not implement engine interfaces: PowerShell
    /// enumerates its types before the dependency resolver is registered.
    /// </summary>
    public sealed class BufferedOnPremLog : IOnPremLog
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<System.Collections.Generic.KeyValuePair<bool, string>> _lines =
            new System.Collections.Concurrent.ConcurrentQueue<System.Collections.Generic.KeyValuePair<bool, string>>();

        public void Verbose(string message) => _lines.Enqueue(new System.Collections.Generic.KeyValuePair<bool, string>(false, message));
        public void Debug(string message) => _lines.Enqueue(new System.Collections.Generic.KeyValuePair<bool, string>(true, message));

        public bool TryTake(out bool isDebug, out string message)
        {
            if (_lines.TryDequeue(out var line)) { isDebug = line.Key; message = line.Value; return true; }
            isDebug = false;
            message = null;
            return false;
        }
    }
}
