using System.Linq;
using System.Threading;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>Whether what a workflow changed survives a reload: ConfigSaved on results ($true, $false with the reason, $null when nothing changed).</summary>
    public sealed class ConfigSaveOutcome
    {
        public bool? Saved { get; set; }
        /// <summary>Why it was not saved (the device's words where it gave some); null when saved or nothing changed.</summary>
        public string Reason { get; set; }
        /// <summary>The save line sent (null when none was: nothing changed, -SkipSave, or IOS-XR's commit persisted it).</summary>
        public string Command { get; set; }

        public static readonly ConfigSaveOutcome NothingChanged = new ConfigSaveOutcome();
    }

    /// <summary>
    /// Saves the running configuration after a change, the platform's way (the driver's save line and safe answers:
    /// IOS-XE/NX-OS 'copy running-config startup-config', ASA 'write memory', IOS-XR nothing: the commit persists).
    /// A failed save does not undo the change; it is reported so the caller can save by hand.
    /// </summary>
    public static class ConfigurationSave
    {
        public static ConfigSaveOutcome After(DeviceSession session, bool changed, bool skip, CancellationToken ct)
        {
            if (!changed) return ConfigSaveOutcome.NothingChanged;
            var driver = session.PlatformDriver;
            if (skip)
                return new ConfigSaveOutcome { Saved = false, Reason = "-SkipSave: the change is in the running configuration only; a reload loses it" };
            if (driver.SaveCommand == null) return new ConfigSaveOutcome { Saved = true };
            try
            {
                var result = session.SaveConfiguration(ct);
                if (result.ErrorId != null)
                    return new ConfigSaveOutcome { Saved = false, Command = result.Command, Reason = $"'{result.Command}': {FirstLine(result.Output) ?? result.ErrorId}" };
                if (!driver.SaveSucceeded(result.Output))
                    return new ConfigSaveOutcome { Saved = false, Command = result.Command, Reason = $"'{result.Command}' did not confirm the save: {FirstLine(result.Output) ?? "no output"}" };
                return new ConfigSaveOutcome { Saved = true, Command = result.Command };
            }
            catch (SsmOnPremException ex)
            {
                return new ConfigSaveOutcome { Saved = false, Command = driver.SaveCommand, Reason = session.Mask(ex.Message) };
            }
        }

        private static string FirstLine(string text) =>
            (text ?? string.Empty).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && l != "^");
    }
}
