using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Text;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Reports;
using SsmOnPrem.Client.Workflows;
using SsmOnPrem.Commands.Infrastructure;
using SsmOnPrem.Commands.Reports;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// Writes one self-contained HTML report of a fleet run from RegistrationResult objects (pipeline) and/or
    /// Register-SsmDevice journals (several shards' journals merge). The engine (Client/Reports) does the merging,
    /// counting and HTML; this cmdlet reads objects, resolves paths and keeps secrets out of the "Run" table.
    /// </summary>
    [Cmdlet(VerbsData.Export, "SsmRegistrationReport", SupportsShouldProcess = true)]
    [OutputType(typeof(RegistrationReportSummary))]
    public sealed class ExportSsmRegistrationReportCommand : SsmCmdlet
    {
        internal const string SummaryTypeName = "SsmOnPrem.RegistrationReportSummary";

        /// <summary>The HTML file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>Results of Register-SsmDevice (or objects with the same properties: Import-Csv, ConvertFrom-Json).</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        public PSObject InputObject { get; set; }

        /// <summary>Journal files written by Register-SsmDevice -JournalPath; wildcards allowed.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] JournalPath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Title { get; set; } = "SsmOnPrem registration report";

        /// <summary>Name/value pairs describing the run (e.g. the runbook's $PSBoundParameters); secrets are never shown.</summary>
        [Parameter]
        public IDictionary RunParameter { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        private readonly FleetReport _report = new FleetReport();
        private int _piped;

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            var entry = ResultObjects.ToEntry(InputObject);
            if (entry == null)
            {
                WriteError(ErrorRecords.Create("NotARegistrationResult", ErrorCategory.InvalidArgument,
                    $"A {InputObject.BaseObject?.GetType().Name ?? "null"} is not a registration result: it has no ComputerName and Status.",
                    "Pipe the results of Register-SsmDevice (or rows with ComputerName and Status), or use -JournalPath."));
                return;
            }
            if (_piped++ == 0) _report.AddSource("pipeline", 0);
            _report.Add(entry);
        }

        protected override void EndProcessing()
        {
            foreach (var journal in ResolveJournals())
            {
                try
                {
                    var entries = JournalReportReader.Read(journal, out var unreadable);
                    _report.AddSource(System.IO.Path.GetFileName(journal), unreadable);
                    foreach (var entry in entries) _report.Add(entry);
                    WriteVerbose($"Read {entries.Count} results from {journal}{(unreadable > 0 ? $" ({unreadable} unreadable lines skipped)" : "")}.");
                }
                catch (SsmOnPremException ex) { WriteSsmError(ex, journal); }
            }

            var summary = _report.Summarize(Title);
            if (summary.Total == 0) WriteWarningNonBlocking("No registration results were given: the report says so. Pipe Register-SsmDevice results or give -JournalPath.");
            var target = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (NoClobber && File.Exists(target))
                ThrowTerminatingError(ErrorRecords.Create("ReportExists", ErrorCategory.ResourceExists, $"'{target}' exists and -NoClobber was given.",
                    "Choose another -Path, or leave out -NoClobber to overwrite it.", target));
            if (ShouldProcess(target, $"Write an HTML report of {summary.Total} devices"))
            {
                WriteReport(target, summary);
                summary.Path = target;
            }
            if (PassThru)
            {
                var wrapped = PSObject.AsPSObject(summary);
                wrapped.TypeNames.Insert(0, SummaryTypeName);
                WriteObject(wrapped);
            }
        }

        private void WriteReport(string target, RegistrationReportSummary summary)
        {
            var generator = $"SsmOnPrem {MyInvocation.MyCommand.Module?.Version?.ToString() ?? ""}".Trim();
            try
            {
                if (Directory.Exists(target)) throw new IOException("it is a folder");
                var folder = System.IO.Path.GetDirectoryName(target);
                if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder)) throw new DirectoryNotFoundException($"the folder '{folder}' does not exist");
                using (var stream = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.Read))
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                    new HtmlReportWriter().Write(writer, _report, summary, RunParameters.Describe(RunParameter), generator);
                WriteVerbose($"Wrote {target} ({new FileInfo(target).Length / 1024} KB, {summary.Total} devices).");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                ThrowTerminatingError(ErrorRecords.Create("ReportNotWritable", ErrorCategory.WriteError, $"The report '{target}' cannot be written: {ex.Message}",
                    "Give -Path a file in a folder that exists and that you can write to.", target));
            }
        }

        private IEnumerable<string> ResolveJournals()
        {
            if (JournalPath == null) yield break;
            foreach (var path in JournalPath)
            {
                Collection<string> resolved = null;
                try { resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _); }
                catch (ItemNotFoundException) { }
                if (resolved == null || resolved.Count == 0)
                {
                    WriteError(ErrorRecords.Create("JournalNotFound", ErrorCategory.ObjectNotFound, $"No journal matches '{path}'.",
                        "Give -JournalPath the file(s) a Register-SsmDevice -JournalPath run wrote.", path));
                    continue;
                }
                foreach (var file in resolved) yield return file;
            }
        }
    }
}
