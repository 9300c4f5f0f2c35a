using System.Text;

namespace SsmOnPrem.Client.Tests.Devices
{
    /// <summary>Host keys for known_hosts and verifier tests.</summary>
    internal static class TestHostKeys
    {
        /// <summary>A syntactically plausible ed25519 key blob: string "ssh-ed25519" then 32 bytes derived from the seed.</summary>
        public static byte[] Ed25519(byte seed)
        {
            var type = Encoding.ASCII.GetBytes("ssh-ed25519");
            var blob = new byte[4 + type.Length + 4 + 32];
            blob[3] = (byte)type.Length;
            type.CopyTo(blob, 4);
            blob[4 + type.Length + 3] = 32;
            for (var i = 0; i < 32; i++) blob[blob.Length - 32 + i] = (byte)(seed + i);
            return blob;
        }
    }
}
