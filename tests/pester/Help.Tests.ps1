# Help completeness, data-driven over whatever the built module exports at test time (so new cmdlets are
# covered without editing this file). Source of help: module/help/<Verb-Noun>.md (schema at the top of tests/tools/HelpMarkdown.psm1),
# turned into en-US/SsmOnPrem.dll-Help.xml by build.ps1 Build (tests/tools/New-MamlHelp.ps1).
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    if (-not (Get-Module SsmOnPrem)) { Import-Module (Get-ModuleManifestPath) }   # once per process: discovery and run share it
    $root = Get-RepoRoot
    $cmdletCases = @(Get-Command -Module SsmOnPrem -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $helpFileCases = @(Get-ChildItem (Join-Path $root 'module/help') -Filter '*.md' -File -ErrorAction SilentlyContinue |
            ForEach-Object { @{ File = $_.Name; Name = $_.BaseName } })

    # ErrorIds the code raises: the scanning rule is documented in tests/tools/ErrorIdScanner.psm1.
    Import-Module (Join-Path $root 'tests/tools/ErrorIdScanner.psm1') -Force
    $raisedCases = @(Get-RaisedErrorId -RepoRoot $root | ForEach-Object { @{ Id = $_.Id; Files = ($_.Files -join ', ') } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'tests/tools/HelpMarkdown.psm1') -Force
    if (-not (Get-Module SsmOnPrem)) { Import-Module (Get-ModuleManifestPath) }
    $helpSource = Join-Path (Get-RepoRoot) 'module/help'
    $commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $docs = @{}
    foreach ($file in Get-ChildItem $helpSource -Filter '*.md' -File) { $docs[$file.BaseName] = Read-HelpMarkdown -Path $file.FullName }
    function Get-Text($HelpTextObject) { (@($HelpTextObject) | ForEach-Object { $_.Text }) -join "`n" }
}

Describe 'Help for <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $command = Get-Command $Name -Module SsmOnPrem
        $help = Get-Help $Name -Full
        $doc = $docs[$Name]
        $parameterNames = @($command.Parameters.Keys | Where-Object { $_ -notin $commonParameters })
    }

    It 'has module/help/<Name>.md titled "# <Name>"' {
        $doc | Should -Not -BeNullOrEmpty -Because "every cmdlet needs module/help/$Name.md (schema at the top of tests/tools/HelpMarkdown.psm1)"
        $doc.Name | Should -BeExactly $Name
    }

    It 'has the required sections in its .md' {
        foreach ($section in 'SYNOPSIS', 'DESCRIPTION', 'PARAMETERS', 'EXAMPLES', 'OUTPUTS', 'ERRORS') {
            $doc.Sections | Should -Contain $section -Because "$Name.md needs a '## $section' section"
        }
    }

    It 'shows a synopsis and a description in Get-Help' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without MAML, Get-Help makes the syntax the synopsis: make sure the real one is there.
        $help.Synopsis.Trim() | Should -Be $doc.Synopsis
        (Get-Text $help.description) | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter in Get-Help' {
        foreach ($parameter in $parameterNames) {
            $entry = @($help.parameters.parameter) | Where-Object name -EQ $parameter
            $entry | Should -Not -BeNullOrEmpty -Because "-$parameter must be in the help"
            (Get-Text $entry.description) | Should -Not -BeNullOrEmpty -Because "$Name.md needs '### -$parameter' with a description"
        }
    }

    It 'documents only parameters the cmdlet has' {
        foreach ($documented in $doc.Parameters.Keys) {
            $parameterNames | Should -Contain $documented -Because "$Name.md documents -$documented"
        }
    }

    It 'shows one syntax per parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be @($command.ParameterSets).Count
    }

    It 'has at least two examples with code and an explanation' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty -Because "'$($example.title.Trim('- '))' needs a code block"
            $example.code | Should -Match $Name -Because 'an example shows the cmdlet it documents'
            (Get-Text $example.remarks) | Should -Not -BeNullOrEmpty -Because "'$($example.title.Trim('- '))' needs text saying what it does"
        }
    }

    It 'lists every [OutputType] under OUTPUTS' {
        $documented = @($doc.Outputs.Type)
        foreach ($type in $command.OutputType) {
            # [OutputType(typeof(X))] gives a type; [OutputType("SsmOnPrem.X")] only a name.
            $typeName = if ($type.Type) { $type.Type.FullName } else { $type.Name }
            if ($typeName -eq 'System.Void' -and $documented -contains 'None') { continue }   # '### None' for cmdlets that write nothing
            $documented | Should -Contain $typeName -Because "$Name.md '## OUTPUTS' needs '### $typeName'"
        }
    }

    It 'lists its error ids in NOTES (from ## ERRORS)' {
        foreach ($errorId in $doc.Errors.ErrorId) {
            (Get-Text $help.alertSet.alert) | Should -Match ([regex]::Escape($errorId))
        }
    }
}

Describe 'Help source module/help/<File>' -ForEach $helpFileCases {
    It 'documents a cmdlet the module exports' {
        (Get-Command -Module SsmOnPrem -CommandType Cmdlet).Name | Should -Contain $Name -Because "$File has no cmdlet: rename or delete it"
    }

    It 'lists error ids that the code raises' {
        $allSource = (Get-ChildItem (Join-Path (Get-RepoRoot) 'src') -Recurse -Filter '*.cs' -File |
                Where-Object FullName -NotMatch '[\\/](bin|obj)[\\/]' | Get-Content -Raw) -join "`n"
        foreach ($errorId in $docs[$Name].Errors.ErrorId) {
            $allSource | Should -Match ('"' + [regex]::Escape($errorId) + '"') -Because "$File lists '$errorId' but no code in src/ uses that id (typo or stale)"
        }
    }
}

Describe 'Error ids raised in src/' {
    It 'finds the error ids the code raises' -ForEach @(@{ RaisedIds = @($raisedCases.Id) }) {
        # Guards the scanner itself: ConvertFrom-SsmLicenseOutput has raised one since the foundation.
        $RaisedIds | Should -Contain 'NotLicenseOutput'
    }

    It '<Id> (raised in <Files>) is a stable PascalCase id listed in some cmdlet''s ## ERRORS' -ForEach $raisedCases {
        $Id | Should -Match '^[A-Z][A-Za-z0-9]+$' -Because 'ErrorIds are stable identifiers users match on (constants must resolve to a literal)'
        $documented = @($docs.Values | ForEach-Object { $_.Errors.ErrorId })
        $documented | Should -Contain $Id -Because "add '- ``$Id`` — when it happens and what to do' to the ## ERRORS of the cmdlet(s) that raise it"
    }
}

Describe 'About topics' {
    BeforeAll {
        $about = Get-Help about_SsmOnPrem | Out-String
        $automation = Get-Help about_SsmOnPrem_Automation | Out-String
    }

    It 'Get-Help about_SsmOnPrem works after Import-Module and explains the workflow' {
        $about | Should -Match 'Smart Licensing Using Policy'
        foreach ($text in 'New-SsmToken', 'Get-SsmTransportUrl', 'Set-SsmDeviceTransport', 'Register-SsmDevice', 'Sync-SsmUsage', 'Test-SsmRegistration', 'Connect-SsmOnPrem') {
            $about | Should -Match ([regex]::Escape($text))
        }
    }

    It 'about_SsmOnPrem names every exported cmdlet' {
        foreach ($name in (Get-Command -Module SsmOnPrem -CommandType Cmdlet).Name) {
            $about | Should -Match ([regex]::Escape($name)) -Because "add $name to the COMMANDS section of module/en-US/about_SsmOnPrem.help.txt"
        }
    }

    It 'about_SsmOnPrem_Automation covers runbooks' {
        foreach ($text in 'Get-AutomationPSCredential', 'Get-Secret', '-NonInteractive', '-JournalPath', 'ConvertTo-Json -Depth 5', 'ansible.windows.win_shell', 'SHARDING', 'HOST KEYS') {
            $automation | Should -Match ([regex]::Escape($text))
        }
    }
}

Describe 'New-MamlHelp.ps1 (the generator)' {
    BeforeAll {
        # A throwaway binary cmdlet with two parameter sets, pipeline input, an alias, a ValidateSet and a
        # switch: md -> MAML -> Get-Help in a fresh pwsh, exactly as the build does for SsmOnPrem.
        $work = Join-Path ([IO.Path]::GetTempPath()) ("ssm-maml-" + [guid]::NewGuid())
        New-Item -ItemType Directory (Join-Path $work 'help') -Force | Out-Null
        $assemblyName = 'SsmHelpRoundTrip' + [guid]::NewGuid().ToString('n')
        $dll = Join-Path $work "$assemblyName.dll"
        Add-Type -OutputAssembly $dll -OutputType Library -TypeDefinition @'
using System.Management.Automation;
[Cmdlet(VerbsCommon.Get, "RoundTripWidget", DefaultParameterSetName = "ByName")]
[OutputType(typeof(string))]
public sealed class GetRoundTripWidgetCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByName", ValueFromPipelineByPropertyName = true)]
    [Alias("CN")]
    public string ComputerName { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "ById", ValueFromPipeline = true)]
    public int Id { get; set; }

    [Parameter]
    [ValidateSet("Cslu", "CallHome")]
    public string Type { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord() => WriteObject(ComputerName ?? Id.ToString());
}
'@
        Set-Content (Join-Path $work 'help/Get-RoundTripWidget.md') -Encoding utf8 -Value @'
# Get-RoundTripWidget
## SYNOPSIS
Gets a widget for the round-trip test.
## DESCRIPTION
First paragraph of the description,
soft-wrapped over two lines.

Second paragraph.
## PARAMETERS
### -ComputerName
The device name. Default: localhost.
### -Id
The widget id.
### -Type
The transport.
### -Force
Overwrites.
## EXAMPLES
### Example 1: At the prompt
```powershell
# a comment that is not a heading
Get-RoundTripWidget -ComputerName sw1
```
Gets the widget of sw1.
### Example 2: In a runbook
```powershell
7 | Get-RoundTripWidget -Type Cslu
```
Pipes an id.
## OUTPUTS
### System.String
The widget.
## ERRORS
- `WidgetMissing` — the widget does not exist.
  Create it first.
## NOTES
A note.
## RELATED LINKS
- [Project](https://example.com/widgets)
'@
        $xml = Join-Path $work "en-US/$assemblyName.dll-Help.xml"
        $generator = & (Get-PwshPath) -NoProfile -NonInteractive -File (Join-Path (Get-RepoRoot) 'tests/tools/New-MamlHelp.ps1') `
            -ModulePath $dll -HelpSourcePath (Join-Path $work 'help') -OutputPath $xml 2>&1
        $generatorExit = $LASTEXITCODE
        $result = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$dll'
`$h = Get-Help Get-RoundTripWidget -Full
'synopsis:' + `$h.Synopsis
'description:' + ((`$h.description | ForEach-Object { `$_.Text.Trim() }) -join '|')
'syntax-count:' + @(`$h.syntax.syntaxItem).Count
`$cn = `$h.parameters.parameter | Where-Object name -EQ ComputerName
'cn:' + `$cn.required + ';' + `$cn.position + ';' + `$cn.pipelineInput + ';' + `$cn.defaultValue + ';' + `$cn.aliases + ';' + `$cn.type.name
`$id = `$h.parameters.parameter | Where-Object name -EQ Id
'id:' + `$id.required + ';' + `$id.position + ';' + `$id.pipelineInput + ';' + `$id.type.name
'examples:' + @(`$h.examples.example).Count
'example1-code:' + (`$h.examples.example[0].code -replace "`r?`n", '\n')
'notes:' + ((`$h.alertSet.alert | ForEach-Object { `$_.Text.Trim() -replace "`r?`n", '\n' }) -join '|')
'links:' + ((`$h.relatedLinks.navigationLink | ForEach-Object { `$_.linkText + '=' + `$_.uri }) -join '|')
'outputs:' + `$h.returnValues.returnValue.type.name
'inputs:' + ((`$h.inputTypes.inputType | ForEach-Object { `$_.type.name }) -join '|')
(Get-Help Get-RoundTripWidget | Out-String -Width 200) -split "`n" | Where-Object { `$_ -match '^\s*Get-RoundTripWidget ' } | ForEach-Object { 'syntax:' + `$_.Trim() }
"@
    }

    AfterAll { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }

    It 'runs without errors or warnings' {
        $generatorExit | Should -Be 0 -Because ($generator -join "`n")
        $generator | Should -BeNullOrEmpty
        Test-Path $xml | Should -BeTrue
        $result.ExitCode | Should -Be 0 -Because $result.Text
    }

    It 'carries the prose from the .md' {
        $result.Output | Should -Contain 'synopsis:Gets a widget for the round-trip test.'
        $result.Output | Should -Contain 'description:First paragraph of the description, soft-wrapped over two lines.|Second paragraph.'
        $result.Output | Should -Contain 'examples:2'
        $result.Output | Should -Contain 'example1-code:# a comment that is not a heading\nGet-RoundTripWidget -ComputerName sw1'
        ($result.Output | Where-Object { $_ -like 'notes:*' }) | Should -Match 'WidgetMissing: the widget does not exist\. Create it first\.\|A note\.'
        ($result.Output | Where-Object { $_ -like 'links:*' }) | Should -Match 'Project=https://example.com/widgets'
        ($result.Output | Where-Object { $_ -like 'links:*' }) | Should -Match 'about_SsmOnPrem='
        $result.Output | Should -Contain 'outputs:System.String'
    }

    It 'takes parameter metadata from the compiled cmdlet' {
        $result.Output | Should -Contain 'syntax-count:2'
        $result.Output | Should -Contain 'cn:true;0;True (ByPropertyName);localhost;CN;System.String'
        $result.Output | Should -Contain 'id:true;named;True (ByValue);System.Int32'
        $result.Output | Should -Contain 'inputs:System.Int32|System.String'
    }

    It 'writes syntax that Get-Help shows like PowerShell''s own cmdlets' {
        # Default parameter set first, positional parameters in brackets, accepted values in braces.
        @($result.Output | Where-Object { $_ -like 'syntax:*' }) | Should -Be @(
            'syntax:Get-RoundTripWidget [-ComputerName] <String> [-Type {Cslu | CallHome}] [-Force] [<CommonParameters>]'
            'syntax:Get-RoundTripWidget -Id <Int32> [-Type {Cslu | CallHome}] [-Force] [<CommonParameters>]')
    }
}
