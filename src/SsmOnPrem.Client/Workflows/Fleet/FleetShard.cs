using System;
using System.Text;

namespace SsmOnPrem.Client.Workflows.Fleet
{
    /// <summary>
    /// Which shard of a fleet a device belongs to, so several workers (Ansible hosts, Hybrid Runbook Workers) can each
    /// take a fixed share of one inventory without talking to each other. The hash is FNV-1a (32-bit) over the UTF-8
    /// bytes of the device key: the same on every machine, process, .NET runtime and PowerShell version (unlike
    /// String.GetHashCode, which is randomised per process), and no crypto API (MD5 is refused on FIPS-mode Windows).
    /// </summary>
    public static class FleetShard
    {
        public const int MaxShardCount = 10000;

        /// <summary>The device's key: the name trimmed and lowercased, plus ":port" when the port is not 22 (devices behind one address).</summary>
        public static string DeviceKey(string computerName, int port)
        {
            var name = (computerName ?? string.Empty).Trim().ToLowerInvariant();
            return port == 22 || port == 0 ? name : name + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public static uint StableHash(string key)
        {
            const uint offsetBasis = 2166136261, prime = 16777619;
            var hash = offsetBasis;
            foreach (var b in Encoding.UTF8.GetBytes(key ?? string.Empty))
            {
                hash ^= b;
                hash *= prime;
            }
            return hash;
        }

        /// <summary>0 .. shardCount-1.</summary>
        public static int ShardOf(string computerName, int port, int shardCount)
        {
            if (shardCount < 1 || shardCount > MaxShardCount) throw new ArgumentOutOfRangeException(nameof(shardCount), $"The shard count must be 1 to {MaxShardCount}.");
            return (int)(StableHash(DeviceKey(computerName, port)) % (uint)shardCount);
        }
    }

    /// <summary>What Get-SsmShard returns for one device.</summary>
    public sealed class ShardAssignment
    {
        public string ComputerName { get; set; }
        public int Port { get; set; }
        public int Shard { get; set; }
        public int ShardCount { get; set; }
        /// <summary>The text that was hashed (name, lowercased, with ":port" unless 22).</summary>
        public string Key { get; set; }
    }
}
