using System;
using System.Linq;
using System.Management.Automation;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Devices.Cli;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// The escape hatch: runs show or configuration commands on devices and returns structured results
    /// (command, output, syslog messages, duration).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "SsmDeviceCommand", DefaultParameterSetName = ConnectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DeviceCommandResult))]
    public sealed class InvokeSsmDeviceCommandCommand : DeviceCmdlet
    {
        /// <summary>CLI lines to run, in order.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[] Command { get; set; }

        /// <summary>Run the lines in global configuration mode (entered and left for you; committed on IOS-XR).</summary>
        [Parameter]
        public SwitchParameter Configuration { get; set; }

        /// <summary>Answer the device's [confirm] and [yes/no] questions with yes (otherwise they are answered no and reported).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            // Refuse unsafe lines before any connection is opened or byte sent.
            try
            {
                foreach (var line in Command) CliArgument.CommandLine(line, Configuration ? "configuration line" : "command");
            }
            catch (SsmOnPremException ex)
            {
                ThrowSsmError(ex, string.Join("; ", Command.Select((c, i) => $"line {i + 1}")));
            }
        }

        protected override Action<DeviceSession, DeviceWork> PrepareDevice(string target)
        {
            var lines = Command.ToArray();
            var configuration = Configuration.IsPresent;
            var options = new DeviceCommandOptions { AllowConfirmation = Force.IsPresent, Timeout = TimeSpan.FromSeconds(CommandTimeoutSec) };
            var action = configuration ? "Configure: " : "Run: ";
            if (!ShouldProcess(target, action + string.Join(" ; ", lines.Select(CommandSecrets.Mask)))) return null;

            return (session, work) =>
            {
                if (configuration)
                {
                    var results = session.Configure(lines, options, work.CancellationToken);
                    // Not the 'configure terminal' / 'end' framing: the caller's lines (and the commit). Syslog that
                    // arrived on the framing (IOS logs %SYS-5-CONFIG_I on 'end') moves to the nearest line shown.
                    var shown = results.Skip(1).Take(results.Count - 2).ToList();
                    shown[0].Syslog = results[0].Syslog.Concat(shown[0].Syslog).ToArray();
                    shown[shown.Count - 1].Syslog = shown[shown.Count - 1].Syslog.Concat(results[results.Count - 1].Syslog).ToArray();
                    foreach (var r in shown) work.WriteObject(r);
                    return;
                }
                foreach (var line in lines)
                {
                    try
                    {
                        work.WriteObject(session.Invoke(line, options, work.CancellationToken));
                    }
                    catch (DeviceException ex) when (ex is DeviceCliException || ex.ErrorId == DeviceErrorIds.ConfirmationRequired)
                    {
                        work.WriteError(ex); // this line failed; the next ones still run
                    }
                }
            };
        }
    }
}
