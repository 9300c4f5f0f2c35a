# Reads module/help/<Verb-Noun>.md into one object per file. Used by the MAML generator (New-MamlHelp.ps1) and
# by the help tests, so both read the files the same way. The schema (one file per cmdlet, named after it):
#
#   # Verb-Noun
#   ## SYNOPSIS          one sentence
#   ## DESCRIPTION       paragraphs (soft-wrapped lines join; '- ' lists and ``` blocks keep their lines)
#   ## PARAMETERS        '### -Name' per parameter (common parameters excluded; -WhatIf/-Confirm optional).
#                        'Default: X' (or 'Default is X.' / 'defaults to X') becomes Get-Help's default value.
#   ## EXAMPLES          '### Example N: Title', a ```powershell block, then what it does. At least two:
#                        one interactive, one for automation.
#   ## INPUTS            optional '### Type' entries; by default generated from the pipeline-bound parameters
#   ## OUTPUTS           '### Full.Type.Name' per [OutputType], then what it is
#   ## ERRORS            '- `ErrorId` — when it happens and what to do' (em dash, hyphen or colon)
#   ## NOTES             optional paragraphs
#   ## RELATED LINKS     optional '- [Text](https://...)' or '- Verb-Noun'
#
# Types, mandatory, positions, pipeline input, parameter sets, aliases and accepted values are NOT written in the
# .md: the generator reads them from the compiled cmdlet. Lines inside ``` fences never count as headings
# (PowerShell comments start with '#').

Set-StrictMode -Version 3.0

# Splits the file into ## sections and their ### subsections, respecting code fences.
function Split-MarkdownSection([string[]] $Lines) {
    $sections = [ordered]@{}
    $title = $null
    $current = $null      # the current ## section: @{ Body = lines before the first ###; Subsections = ordered }
    $sub = $null          # the current ### subsection's line list
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^#\s+(\S.*?)\s*$' -and -not $title) { $title = $Matches[1]; continue }
        if (-not $inFence -and $line -match '^##\s+(\S.*?)\s*$') {
            $current = @{ Body = [System.Collections.Generic.List[string]]::new(); Subsections = [ordered]@{} }
            $sections[$Matches[1].ToUpperInvariant()] = $current
            $sub = $null
            continue
        }
        if (-not $inFence -and $null -ne $current -and $line -match '^###\s+(\S.*?)\s*$') {
            $sub = [System.Collections.Generic.List[string]]::new()
            $current.Subsections[$Matches[1]] = $sub
            continue
        }
        if ($null -ne $sub) { $sub.Add($line) } elseif ($null -ne $current) { $current.Body.Add($line) }
    }
    @{ Title = $title; Sections = $sections }
}

# Markdown text -> paragraphs. Soft-wrapped lines join; list items and fenced code keep their line breaks.
function ConvertTo-HelpParagraph([string[]] $Lines) {
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $inFence = $false
    $flush = {
        if ($buffer.Count) { $paragraphs.Add(($buffer -join "`n").Trim()) }
        $buffer.Clear()
    }
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') {
            if ($inFence) { & $flush; $inFence = $false } else { & $flush; $inFence = $true }
            continue
        }
        if ($inFence) { $buffer.Add('    ' + $line); continue }
        if ($line.Trim() -eq '') { & $flush; continue }
        $isListItem = $line -match '^\s*([-*+]|\d+\.)\s+'
        if ($buffer.Count -and -not $isListItem -and $buffer[$buffer.Count - 1] -notmatch '^\s{4}') {
            # Soft wrap: continue the last line (of a paragraph or of a list item).
            $buffer[$buffer.Count - 1] = $buffer[$buffer.Count - 1].TrimEnd() + ' ' + $line.Trim()
        }
        else { $buffer.Add($line.TrimEnd()) }
    }
    & $flush
    , $paragraphs.ToArray()
}

# 'Default: 22', 'Default is 22.', 'defaults to 30 days' -> the value shown as the MAML default.
function Get-ParameterDefault([string] $Text) {
    if ($Text -match '(?im)\bdefault(?:\s+value)?\s*(?:is|:)\s*`?([^`.\r\n;]+)`?' -or $Text -match '(?im)\bdefaults\s+to\s+`?([^`.\r\n;]+)`?') {
        return $Matches[1].Trim()
    }
    return $null
}

function Read-HelpMarkdown {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)] [Alias('FullName')] [string] $Path)
    process {
        $parsed = Split-MarkdownSection -Lines (Get-Content -LiteralPath $Path -Encoding utf8)
        $s = $parsed.Sections
        $body = { param($name) if ($s.Contains($name)) { , @($s[$name].Body) } else { , @() } }
        $subsections = { param($name) if ($s.Contains($name)) { $s[$name].Subsections } else { [ordered]@{} } }

        $parameters = [ordered]@{}
        foreach ($entry in (& $subsections 'PARAMETERS').GetEnumerator()) {
            $text = ConvertTo-HelpParagraph $entry.Value
            $parameters[$entry.Key.TrimStart('-').Trim()] = [pscustomobject]@{
                Paragraphs = $text
                Default    = Get-ParameterDefault ($text -join ' ')
            }
        }

        $examples = foreach ($entry in (& $subsections 'EXAMPLES').GetEnumerator()) {
            # The first fenced block is the code; everything else is the remarks.
            $code = [System.Collections.Generic.List[string]]::new()
            $remarks = [System.Collections.Generic.List[string]]::new()
            $state = 'before'   # before -> code -> after
            foreach ($line in $entry.Value) {
                if ($state -eq 'before' -and $line -match '^\s*```') { $state = 'code'; continue }
                if ($state -eq 'code' -and $line -match '^\s*```') { $state = 'after'; continue }
                if ($state -eq 'code') { $code.Add($line) } else { $remarks.Add($line) }
            }
            [pscustomobject]@{
                Title   = $entry.Key
                Code    = ($code -join "`n").Trim("`r", "`n")
                Remarks = ConvertTo-HelpParagraph $remarks
            }
        }

        $outputs = foreach ($entry in (& $subsections 'OUTPUTS').GetEnumerator()) {
            [pscustomobject]@{ Type = $entry.Key.Trim('`', ' '); Paragraphs = ConvertTo-HelpParagraph $entry.Value }
        }
        $inputs = foreach ($entry in (& $subsections 'INPUTS').GetEnumerator()) {
            [pscustomobject]@{ Type = $entry.Key.Trim('`', ' '); Paragraphs = ConvertTo-HelpParagraph $entry.Value }
        }

        # - `ErrorId` — text   (em dash, en dash, hyphen or colon all accepted as the separator; the text may wrap)
        $errors = [System.Collections.Generic.List[object]]::new()
        foreach ($line in (& $body 'ERRORS')) {
            if ($line -match '^\s*[-*]\s+`([^`]+)`\s*(?:[—–:-]+\s*)?(.*)$') {
                $errors.Add([pscustomobject]@{ ErrorId = $Matches[1].Trim(); Text = $Matches[2].Trim() })
            }
            elseif ($errors.Count -and $line.Trim() -and $line -notmatch '^\s*[-*]\s') {
                $errors[$errors.Count - 1].Text = ($errors[$errors.Count - 1].Text + ' ' + $line.Trim()).Trim()
            }
        }

        # - [Text](https://uri) or - Get-SsmToken or - about_SsmOnPrem
        $links = foreach ($line in (& $body 'RELATED LINKS')) {
            if ($line -match '^\s*[-*]\s+\[([^\]]+)\]\(([^)]*)\)') { [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] } }
            elseif ($line -match '^\s*[-*]\s+`?([^`\s]+)`?\s*$') { [pscustomobject]@{ Text = $Matches[1]; Uri = '' } }
        }

        [pscustomobject]@{
            Path         = (Resolve-Path -LiteralPath $Path).Path
            FileName     = [IO.Path]::GetFileNameWithoutExtension($Path)
            Name         = $parsed.Title
            Synopsis     = ((ConvertTo-HelpParagraph (& $body 'SYNOPSIS')) -join ' ').Trim()
            Description  = ConvertTo-HelpParagraph (& $body 'DESCRIPTION')
            Parameters   = $parameters
            Examples     = @($examples)
            Inputs       = @($inputs)
            Outputs      = @($outputs)
            Errors       = @($errors)
            Notes        = ConvertTo-HelpParagraph (& $body 'NOTES')
            RelatedLinks = @($links)
            Sections     = @($s.Keys)
        }
    }
}

Export-ModuleMember -Function Read-HelpMarkdown
