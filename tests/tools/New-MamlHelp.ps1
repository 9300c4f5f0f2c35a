<#
.SYNOPSIS
    Generates MAML help (<Assembly>.dll-Help.xml) for a binary module from one Markdown file per cmdlet.
.DESCRIPTION
    Run by 'build.ps1 Build' in a child pwsh (so the build process never loads the module it just built):

        pwsh -NoProfile -NonInteractive -File tests/tools/New-MamlHelp.ps1 -ModulePath ./SsmOnPrem.psd1 `
            -HelpSourcePath module/help -OutputPath module/en-US/SsmOnPrem.dll-Help.xml

    Prose (synopsis, description, parameter text, examples, outputs, errors, notes) comes from
    <HelpSourcePath>/<Verb-Noun>.md (schema and reader: HelpMarkdown.psm1). Everything PowerShell
    already knows (parameter types, mandatory, position, pipeline input, parameter sets, aliases, accepted
    values) comes from the imported module, so help cannot drift from the code.
    A cmdlet without a .md file still gets syntax and parameters (with a warning); the help tests fail on it.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $HelpSourcePath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot "HelpMarkdown.psm1") -Force -Verbose:$false

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + @('UseTransaction')
$defaultShouldProcessText = @{
    WhatIf  = 'Shows what would happen if the command ran. The command is not run.'
    Confirm = 'Prompts you for confirmation before running the command.'
}

#region XML helpers (XmlWriter escapes everything we write)
function Write-Element([System.Xml.XmlWriter] $W, [string] $Prefix, [string] $Name, [string] $Text) {
    $W.WriteElementString($Prefix, $Name, $ns[$Prefix], $Text)
}
function Write-Paragraphs([System.Xml.XmlWriter] $W, [string[]] $Paragraphs) {
    $W.WriteStartElement('maml', 'description', $ns.maml)
    foreach ($p in @($Paragraphs | Where-Object { $_ })) { Write-Element $W maml para $p }
    $W.WriteEndElement()
}
function Write-Type([System.Xml.XmlWriter] $W, [string] $TypeName) {
    $W.WriteStartElement('dev', 'type', $ns.dev)
    Write-Element $W maml name $TypeName
    Write-Element $W maml uri ''
    $W.WriteEndElement()
}
#endregion

#region Parameter metadata
# Values the user may type: a ValidateSet, or the names of an enum.
function Get-AcceptedValue([System.Management.Automation.ParameterMetadata] $Parameter) {
    $set = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return @($set.ValidValues) }
    $type = $Parameter.ParameterType
    if ($type.IsArray) { $type = $type.GetElementType() }
    if ($type.IsEnum) { return [Enum]::GetNames($type) }
    return @()
}

function Get-PipelineInputText($ParameterInSet) {
    $kinds = @()
    if ($ParameterInSet.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($ParameterInSet.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-PositionText([int] $Position) { if ($Position -ge 0) { "$Position" } else { 'named' } }

# One value when all parameter sets agree, else 'value (SetName), ...' so nothing is hidden.
function Join-PerSet([object[]] $PerSet) {
    $distinct = @($PerSet | ForEach-Object Value | Select-Object -Unique)
    if ($distinct.Count -le 1) { return [string]$distinct[0] }
    ($PerSet | ForEach-Object { "$($_.Value) ($($_.Set))" }) -join ', '
}
#endregion

function Write-Parameter {
    param([System.Xml.XmlWriter] $W, $Command, [string] $Name, $Doc, $InSets, [bool] $InSyntax)
    $meta = $Command.Parameters[$Name]
    $isSwitch = $meta.SwitchParameter
    $W.WriteStartElement('command', 'parameter', $ns.command)
    $W.WriteAttributeString('required', (Join-PerSet @($InSets | ForEach-Object { @{ Set = $_.Set; Value = "$($_.Parameter.IsMandatory)".ToLowerInvariant() } })))
    $W.WriteAttributeString('variableLength', "$($meta.ParameterType.IsArray)".ToLowerInvariant())
    $globbing = [bool]($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $W.WriteAttributeString('globbing', "$globbing".ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', (Join-PerSet @($InSets | ForEach-Object { @{ Set = $_.Set; Value = Get-PipelineInputText $_.Parameter } })))
    $W.WriteAttributeString('position', (Join-PerSet @($InSets | ForEach-Object { @{ Set = $_.Set; Value = Get-PositionText $_.Parameter.Position } })))
    $W.WriteAttributeString('aliases', $(if ($meta.Aliases.Count) { $meta.Aliases -join ', ' } else { 'none' }))
    Write-Element $W maml name $Name

    $paragraphs = if ($Doc) { $Doc.Paragraphs } elseif ($defaultShouldProcessText.ContainsKey($Name)) { $defaultShouldProcessText[$Name] } else { @() }
    Write-Paragraphs $W $paragraphs

    $values = @(Get-AcceptedValue $meta)
    if ($values.Count) {
        $W.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($v in $values) {
            $W.WriteStartElement('command', 'parameterValue', $ns.command)
            $W.WriteAttributeString('required', 'false'); $W.WriteAttributeString('command', 'variableLength', $ns.command, 'false')
            $W.WriteString($v); $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    # Get-Help prints '-Name <Type>' from parameterValue; a switch shows no value in the syntax.
    if (-not ($isSwitch -and $InSyntax)) {
        $W.WriteStartElement('command', 'parameterValue', $ns.command)
        $W.WriteAttributeString('required', "$(-not $isSwitch)".ToLowerInvariant())
        $W.WriteAttributeString('variableLength', "$($meta.ParameterType.IsArray)".ToLowerInvariant())
        $W.WriteString($meta.ParameterType.Name); $W.WriteEndElement()
    }
    Write-Type $W $meta.ParameterType.FullName
    $default = if ($Doc -and $Doc.Default) { $Doc.Default } elseif ($isSwitch) { 'False' } else { 'None' }
    Write-Element $W dev defaultValue $default
    $W.WriteEndElement()
}

function Write-Command([System.Xml.XmlWriter] $W, $Command, $Doc) {
    $W.WriteStartElement('command', 'command', $ns.command)
    foreach ($prefix in 'maml', 'command', 'dev') { $W.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }

    $W.WriteStartElement('command', 'details', $ns.command)
    Write-Element $W command name $Command.Name
    Write-Element $W command verb $Command.Verb
    Write-Element $W command noun $Command.Noun
    Write-Paragraphs $W $(if ($Doc) { $Doc.Synopsis } else { '' })
    $W.WriteEndElement()
    Write-Paragraphs $W $(if ($Doc) { $Doc.Description } else { @() })

    $docParameters = if ($Doc) { $Doc.Parameters } else { @{} }
    $docFor = { param($name) if ($docParameters.Contains($name)) { $docParameters[$name] } else { $null } }
    $sets = @($Command.ParameterSets | Sort-Object { -not $_.IsDefault })   # default set first, like Get-Command -Syntax

    # Syntax: one item per parameter set, positional parameters first in position order, then mandatory ones.
    $W.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $sets) {
        $W.WriteStartElement('command', 'syntaxItem', $ns.command)
        Write-Element $W maml name $Command.Name
        $ordered = $set.Parameters | Where-Object { $_.Name -notin $commonParameters } |
            Sort-Object @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } }, @{ Expression = { -not $_.IsMandatory } }
        foreach ($p in $ordered) {
            Write-Parameter $W $Command $p.Name (& $docFor $p.Name) @(@{ Set = $set.Name; Parameter = $p }) $true
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    # Parameters: each once, in the order the .md documents them (then any the .md forgot).
    $W.WriteStartElement('command', 'parameters', $ns.command)
    $names = @($Command.Parameters.Keys | Where-Object { $_ -notin $commonParameters })
    $ordered = @($docParameters.Keys | Where-Object { $_ -in $names }) + @($names | Where-Object { $_ -notin $docParameters.Keys })
    foreach ($name in $ordered) {
        $inSets = @(foreach ($set in $sets) {
                $p = $set.Parameters | Where-Object Name -EQ $name
                if ($p) { @{ Set = $set.Name; Parameter = $p } }
            })
        if (-not $inSets) { continue }
        Write-Parameter $W $Command $name (& $docFor $name) $inSets $false
    }
    $W.WriteEndElement()

    # Inputs: what the .md says, else every type the cmdlet binds from the pipeline.
    $W.WriteStartElement('command', 'inputTypes', $ns.command)
    $inputs = if ($Doc -and $Doc.Inputs.Count) { $Doc.Inputs } else {
        $Command.ParameterSets.Parameters | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } |
            Group-Object { $_.ParameterType.FullName } | ForEach-Object {
                $how = $_.Group | Sort-Object Name -Unique | ForEach-Object { "-$($_.Name) ($((Get-PipelineInputText $_) -replace '^True \((.*)\)$', '$1'))" }
                [pscustomobject]@{ Type = $_.Name; Paragraphs = @("You can pipe this type to $($how -join ', ').") }
            }
    }
    if (-not $inputs) { $inputs = @([pscustomobject]@{ Type = 'None'; Paragraphs = @('You cannot pipe objects to this cmdlet.') }) }
    foreach ($i in $inputs) {
        $W.WriteStartElement('command', 'inputType', $ns.command)
        Write-Type $W $i.Type; Write-Paragraphs $W $i.Paragraphs
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'returnValues', $ns.command)
    $outputs = if ($Doc -and $Doc.Outputs.Count) { $Doc.Outputs } else {
        $Command.OutputType | ForEach-Object { [pscustomobject]@{ Type = $_.Name; Paragraphs = @() } }
    }
    foreach ($o in $outputs) {
        $W.WriteStartElement('command', 'returnValue', $ns.command)
        Write-Type $W $o.Type; Write-Paragraphs $W $o.Paragraphs
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    # NOTES in Get-Help -Full: the error ids a script can match on, then the .md's notes.
    $W.WriteStartElement('maml', 'alertSet', $ns.maml)
    $W.WriteStartElement('maml', 'alert', $ns.maml)
    if ($Doc -and $Doc.Errors.Count) {
        Write-Element $W maml para ("Errors (match on `$_.FullyQualifiedErrorId, which starts with the ErrorId):`n" +
            (($Doc.Errors | ForEach-Object { "- $($_.ErrorId): $($_.Text)" }) -join "`n"))
    }
    if ($Doc) { foreach ($p in $Doc.Notes) { Write-Element $W maml para $p } }
    $W.WriteEndElement(); $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $ns.command)
    $number = 0
    foreach ($example in $(if ($Doc) { $Doc.Examples } else { @() })) {
        $number++
        $title = $example.Title -replace '^Example\s+\d+\s*:?\s*', ''
        $W.WriteStartElement('command', 'example', $ns.command)
        Write-Element $W maml title "-------------------------- Example $($number): $title --------------------------"
        Write-Element $W dev code $example.Code
        $W.WriteStartElement('dev', 'remarks', $ns.dev)
        foreach ($p in $example.Remarks) { Write-Element $W maml para $p }
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $ns.command)
    $links = @(if ($Doc) { $Doc.RelatedLinks }) + @([pscustomobject]@{ Text = 'about_SsmOnPrem'; Uri = '' })
    foreach ($link in ($links | Sort-Object Text -Unique | Where-Object Text -NE $Command.Name)) {
        $W.WriteStartElement('maml', 'navigationLink', $ns.maml)
        Write-Element $W maml linkText $link.Text
        Write-Element $W maml uri $link.Uri
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

# --- main ---
$module = Import-Module $ModulePath -Force -PassThru -Verbose:$false
$commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
$docs = @{}
foreach ($file in Get-ChildItem $HelpSourcePath -Filter '*.md' -File -ErrorAction SilentlyContinue) {
    $doc = Read-HelpMarkdown -Path $file.FullName
    if ($doc.Name -ne $file.BaseName) { Write-Warning "$($file.Name): the title '# $($doc.Name)' does not match the file name." }
    $docs[$file.BaseName] = $doc
}
foreach ($name in $docs.Keys | Where-Object { $_ -notin $commands.Name }) { Write-Warning "$name.md documents a cmdlet the module does not export." }

$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
New-Item -ItemType Directory (Split-Path $OutputPath) -Force | Out-Null
$writer = [System.Xml.XmlWriter]::Create($OutputPath, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($command in $commands) {
        $doc = $docs[$command.Name]
        if (-not $doc) { Write-Warning "$($command.Name) has no $HelpSourcePath/$($command.Name).md: its help shows syntax only." }
        else {
            $undocumented = @($command.Parameters.Keys | Where-Object { $_ -notin $commonParameters -and $_ -notin $defaultShouldProcessText.Keys -and -not $doc.Parameters.Contains($_) })
            if ($undocumented) { Write-Warning "$($command.Name).md does not describe -$($undocumented -join ', -')." }
        }
        Write-Command $writer $command $doc
    }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally { $writer.Dispose() }
Write-Verbose "Wrote help for $($commands.Count) cmdlet(s) to $OutputPath"
