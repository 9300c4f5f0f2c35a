using System;
using System.Diagnostics;
using System.IO;

namespace SsmOnPrem.Lab.Sshd
{
    /// <summary>
    /// The one Unix account every lab device logs in with (sshd authenticates through PAM). Created once per machine,
    /// under a file lock so that labs started concurrently by several test runs do not race on /etc/passwd; its
    /// password is random, made once, and kept root-only in /var/lib/ssmonprem-lab/.
    /// </summary>
    public static class LabUser
    {
        public const string Name = "ssmlab";
        private const string StateDirectory = "/var/lib/ssmonprem-lab";
        private static readonly string PasswordFile = Path.Combine(StateDirectory, "login-password");

        public static string Ensure()
        {
            if (!string.Equals(Run("id", "-u").Trim(), "0"))
                throw new InvalidOperationException("The lab must run as root: it creates the login user and runs its own sshd on loopback.");
            var script = $@"set -e
mkdir -p {StateDirectory}; chmod 700 {StateDirectory}
created=0
if ! id -u {Name} >/dev/null 2>&1; then useradd --create-home --shell /bin/bash {Name}; created=1; fi
if [ ! -s {PasswordFile} ]; then head -c 18 /dev/urandom | base64 | tr -d '/+=' > {PasswordFile}.tmp; chmod 600 {PasswordFile}.tmp; mv {PasswordFile}.tmp {PasswordFile}; created=1; fi
if [ $created = 1 ] || [ ! -e {StateDirectory}/password-set ]; then echo ""{Name}:$(cat {PasswordFile})"" | chpasswd; touch {StateDirectory}/password-set; fi
";
            Run("flock", StateDirectory + ".lock", "bash", "-c", script);
            return File.ReadAllText(PasswordFile).Trim();
        }

        internal static string Run(string file, params string[] arguments)
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in arguments) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            var stdout = p.StandardOutput.ReadToEnd();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"'{file} {string.Join(" ", arguments)}' failed ({p.ExitCode}): {stderr.Trim()}");
            return stdout;
        }
    }
}
