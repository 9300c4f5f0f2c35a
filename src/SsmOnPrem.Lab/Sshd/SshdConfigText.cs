namespace SsmOnPrem.Lab.Sshd
{
    /// <summary>The sshd_config lines every lab sshd shares (the device groups' and the bastion's).</summary>
    internal static class SshdConfigText
    {
        /// <summary>Password and keyboard-interactive logins for the lab user only, sized for hundreds of logins at once.</summary>
        public static readonly string Login = @"UsePAM yes
KbdInteractiveAuthentication yes
PasswordAuthentication yes
PubkeyAuthentication no
PermitRootLogin no
AllowUsers " + LabUser.Name + @"
MaxStartups 200:30:400
LoginGraceTime 30
";

        /// <summary>Nothing a lab login does not need: no DNS look-ups, banners, X11 or agent forwarding, tunnels.</summary>
        public const string Quiet = @"UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowAgentForwarding no
PermitTunnel no
";
    }
}
