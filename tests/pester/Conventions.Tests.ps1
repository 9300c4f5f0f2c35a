# The house conventions (design notes §7: approved verbs, ShouldProcess, OutputType, standard names), checked on whatever cmdlets the built module exports at
# test time, so every helper's new cmdlet is held to them without editing this file.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    if (-not (Get-Module SsmOnPrem)) { Import-Module (Get-ModuleManifestPath) }   # once per process: discovery and run share it
    $cmdletCases = @(Get-Command -Module SsmOnPrem -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    if (-not (Get-Module SsmOnPrem)) { Import-Module (Get-ModuleManifestPath) }
    $commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $approvedVerbs = (Get-Verb).Verb

    # The SupportsShouldProcess rule, by verb:
    # - These verbs change a device, the On-Prem server or Cisco's cloud, so the cmdlet must support
    #   -WhatIf/-Confirm (and -WhatIf shows the exact CLI lines or HTTP calls).
    $stateChangingVerbs = 'New', 'Set', 'Remove', 'Add', 'Clear', 'Reset', 'Update', 'Register', 'Unregister',
    'Revoke', 'Sync', 'Publish', 'Unpublish', 'Install', 'Uninstall', 'Enable', 'Disable', 'Restart', 'Rename', 'Move', 'Copy', 'Grant', 'Deny'
    # - These only read, compute or check: a -WhatIf on them would promise something that cannot happen.
    $readOnlyVerbs = 'Get', 'Test', 'ConvertFrom', 'ConvertTo', 'Format', 'Find', 'Search', 'Measure', 'Show', 'Compare', 'Resolve', 'Read', 'Select', 'Watch', 'Wait'
    # - Neither list (Connect, Disconnect, Start, Stop, ...): the cmdlet decides. Connect-/Disconnect-SsmOnPrem only
    #   change this session's default connection; Start-/Stop-SsmLab run local emulators, nothing real.
    # - Exceptions to the state-changing list, each with its reason:
    $shouldProcessExemptions = @{
        'New-SsmDeviceSession' = 'opens an SSH session and changes nothing on the device (like New-PSSession)'
    }

    # Positional parameters beyond position 0 surprise users (Register-SsmDevice sw1 abc...: which is the token?).
    # Add a cmdlet here only deliberately, with the reason.
    $deliberatePositions = @{
        # 'Verb-Noun' = @{ Parameter = 'Name'; Reason = '...' }
    }

    # Device connection parameters: fleets arrive as objects (Import-Csv, ConvertFrom-Json, New-SsmDeviceSession),
    # so wherever a device cmdlet (one with -ComputerName or -Session) has them they bind from the pipeline by
    # property name (-Session may bind by value instead). Connect-SsmOnPrem's -Credential is not a device's.
    $deviceParameters = 'ComputerName', 'Port', 'Credential', 'EnableCredential', 'Session'

    # Names we do not use, and the standard one to use instead (DESIGN.md §7).
    $nonStandardNames = @{
        Host = 'ComputerName'; HostName = 'ComputerName'; Device = 'ComputerName'; DeviceName = 'ComputerName'; Address = 'ComputerName'
        IPAddress = 'ComputerName'; Timeout = 'TimeoutSec'; TimeoutSeconds = 'TimeoutSec'; Throttle = 'ThrottleLimit'
        MaxParallel = 'ThrottleLimit'; Parallelism = 'ThrottleLimit'; Insecure = 'SkipCertificateCheck'
        SkipCertCheck = 'SkipCertificateCheck'; IgnoreCertificate = 'SkipCertificateCheck'; NoVerify = 'SkipCertificateCheck'
        Cred = 'Credential'; Credentials = 'Credential'; User = 'Credential'; UserName = 'Credential'
        EnablePassword = 'EnableCredential'; EnableSecret = 'EnableCredential'; Pass = 'PassThru'
    }

    function Get-CmdletAttribute($Command) {
        $Command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
    }
    function Get-OwnParameter($Command) {
        $Command.Parameters.Values | Where-Object { $_.Name -notin $commonParameters }
    }
}

Describe '<Name> follows the conventions' -ForEach $cmdletCases {
    BeforeAll {
        $command = Get-Command $Name -Module SsmOnPrem
        $attribute = Get-CmdletAttribute $command
        $parameters = @(Get-OwnParameter $command)
    }

    It 'uses an approved verb and an Ssm-prefixed singular noun' {
        $approvedVerbs | Should -Contain $command.Verb -Because 'see Get-Verb'
        $command.Noun | Should -MatchExactly '^Ssm[A-Z]'
        # Singular: nouns do not end in 's', except words like Status, Address, Analysis.
        $command.Noun | Should -Not -Match '(?<![su])s$' -Because 'nouns are singular (Get-SsmToken, not Get-SsmTokens)'
    }

    It 'is a class named <Verb><Noun>Command deriving from SsmCmdlet' {
        $command.ImplementingType.Name | Should -BeExactly ($command.Verb + $command.Noun + 'Command') -Because 'FullyQualifiedErrorIds end in the class name'
        $command.ImplementingType.Namespace | Should -BeExactly 'SsmOnPrem.Commands'
        $command.ImplementingType.IsSubclassOf([SsmOnPrem.Commands.Infrastructure.SsmCmdlet]) | Should -BeTrue -Because 'SsmCmdlet gives Ctrl+C cancellation and stable error ids'
    }

    It 'declares SupportsShouldProcess when its verb changes state, and only then' {
        if ($command.Verb -in $stateChangingVerbs -and -not $shouldProcessExemptions.ContainsKey($Name)) {
            $attribute.SupportsShouldProcess | Should -BeTrue -Because "$($command.Verb)- changes a device or the server: -WhatIf must show what would be sent"
        }
        if ($command.Verb -in $readOnlyVerbs) {
            $attribute.SupportsShouldProcess | Should -BeFalse -Because "$($command.Verb)- changes nothing, so -WhatIf would mislead"
        }
    }

    It 'declares [OutputType] with our own types' {
        $command.OutputType | Should -Not -BeNullOrEmpty -Because 'every cmdlet declares [OutputType]'
        foreach ($type in $command.OutputType) {
            # A type (typeof) or, for PSObjects with a PSTypeName, a name in our namespace.
            $typeName = if ($type.Type) { $type.Type.FullName } else { $type.Name }
            if (-not $type.Type) { $typeName | Should -Match '^SsmOnPrem\.' -Because "[OutputType('$typeName')] names no loadable type" }
            $typeName | Should -Not -Match '^(Renci|Newtonsoft|Org\.BouncyCastle)\.' -Because 'never put dependency types on the pipeline'
        }
    }

    It 'binds device connection parameters from the pipeline by property name' {
        $isDeviceCmdlet = $command.Parameters.ContainsKey('ComputerName') -or $command.Parameters.ContainsKey('Session')
        foreach ($parameter in $parameters | Where-Object { $isDeviceCmdlet -and $_.Name -in $deviceParameters }) {
            foreach ($set in $parameter.ParameterSets.GetEnumerator()) {
                $bindsByName = $set.Value.ValueFromPipelineByPropertyName -or ($parameter.Name -eq 'Session' -and $set.Value.ValueFromPipeline)
                $bindsByName | Should -BeTrue -Because "-$($parameter.Name) (set $($set.Key)) must be ValueFromPipelineByPropertyName so CSV/JSON inventories can be piped"
            }
        }
    }

    It 'has no positional parameters beyond position 0 unless deliberate' {
        foreach ($parameter in $parameters) {
            foreach ($set in $parameter.ParameterSets.GetEnumerator()) {
                if ($set.Value.Position -le 0) { continue }
                $allowed = $deliberatePositions[$Name]
                ($allowed -and $allowed.Parameter -eq $parameter.Name) | Should -BeTrue -Because "-$($parameter.Name) is at position $($set.Value.Position): name it, or list it in `$deliberatePositions with a reason"
            }
        }
    }

    It 'uses the standard parameter names' {
        foreach ($parameter in $parameters) {
            $nonStandardNames.ContainsKey($parameter.Name) | Should -BeFalse -Because "use -$($nonStandardNames[$parameter.Name]) instead of -$($parameter.Name)"
        }
    }

    It 'never takes a password or secret as plain text' {
        foreach ($parameter in $parameters | Where-Object Name -Match 'Password|Secret') {
            $parameter.ParameterType | Should -BeIn @([securestring], [pscredential]) -Because "-$($parameter.Name) is a secret: take a PSCredential or SecureString"
        }
    }

    It 'completes -Platform, -VirtualAccount, -Type and -ComputerName' {
        $completers = @{
            Platform       = ([SsmOnPrem.Commands.Completion.PlatformCompleter])
            VirtualAccount = ([SsmOnPrem.Commands.Completion.VirtualAccountCompleter])
            Type           = ([SsmOnPrem.Commands.Completion.TransportTypeCompleter])
            ComputerName   = ([SsmOnPrem.Commands.Completion.ComputerNameCompleter])
        }
        foreach ($parameter in $parameters | Where-Object Name -In $completers.Keys) {
            $type = $parameter.ParameterType
            $hasValues = $type.IsEnum -or ($type.IsArray -and $type.GetElementType().IsEnum) -or
            [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })
            $completer = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }
            ($hasValues -or ($completer -and $completer.Type -eq $completers[$parameter.Name])) | Should -BeTrue -Because "add [ArgumentCompleter(typeof($($completers[$parameter.Name].Name)))] to -$($parameter.Name) (or make it an enum/ValidateSet)"
        }
    }
}
