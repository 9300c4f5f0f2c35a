using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SsmOnPrem.Client.Devices.Platforms;

namespace SsmOnPrem.Commands.Completion
{
    /// <summary>
    /// Completes -Platform with the Cisco platforms the module has drivers for (Devices/Platforms): their display names
    /// ("IOS-XE", "NX-OS", "IOS-XR", "ASA") with the driver's description as the tooltip. Use on any cmdlet parameter:
    /// <c>[ArgumentCompleter(typeof(PlatformCompleter))]</c>, with <see cref="ValidatePlatformAttribute"/> to refuse others.
    /// </summary>
    public sealed class PlatformCompleter : IArgumentCompleter
    {
        /// <summary>Platform names with the tooltip shown in the completion menu.</summary>
        public static IReadOnlyDictionary<string, string> Platforms =>
            PlatformDriver.All.ToDictionary(d => d.DisplayName, d => d.Description);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionCandidates.Match(wordToComplete, Platforms);
    }

    /// <summary>A -Platform value must name a platform driver (display name or alias: "IOS-XE", "iosxe", "nexus").</summary>
    public sealed class ValidatePlatformAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var text = arguments?.ToString();
            if (string.IsNullOrEmpty(text) || PlatformDriver.ForName(text) == null)
                throw new ValidationMetadataException(
                    $"'{text}' is not a platform the module knows. Use one of: {string.Join(", ", PlatformDriver.All.Select(d => d.DisplayName))}.");
        }
    }
}
