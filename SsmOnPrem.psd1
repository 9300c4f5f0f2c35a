# The module manifest users import. build.ps1 lays the compiled module out next to it (bin/),
# and stamps ModuleVersion into every assembly and package: this is the one place the version lives.
@{
    RootModule             = 'bin/SsmOnPrem.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '6b7c1f3e-4a8d-4f5e-9a51-2f0d8c3b7e41'
    Author                 = 'SsmOnPrem engineering'
    CompanyName            = 'SsmOnPrem'
    Copyright              = '(c) SsmOnPrem contributors. MIT License.'
    Description            = 'Licenses Cisco devices against Cisco Smart Software Manager On-Prem: tokens, transport, registration, usage sync and verification, for one device or a fleet.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    # Dependencies load in isolation from bin/dependencies (see src/SsmOnPrem.PowerShell/Infrastructure): never list them here.
    RequiredAssemblies     = @()
    FormatsToProcess       = @('module/SsmOnPrem.format.ps1xml')
    CmdletsToExport        = @(
        'ConvertFrom-SsmLicenseOutput'
        'Connect-SsmOnPrem'
        'Disconnect-SsmOnPrem'
        'Get-SsmVirtualAccount'
        'New-SsmVirtualAccount'
        'New-SsmToken'
        'Get-SsmToken'
        'Revoke-SsmToken'
        'Get-SsmTransportUrl'
        'Get-SsmProductInstance'
        'Move-SsmProductInstance'
        'Get-SsmAccount'
        'Remove-SsmVirtualAccount'
        'Get-SsmLicense'
        'Test-SsmOnPremApi'
        'Sync-SsmOnPrem'
        'New-SsmDeviceSession'
        'Get-SsmDeviceSession'
        'Remove-SsmDeviceSession'
        'Invoke-SsmDeviceCommand'
        'Get-SsmLicenseStatus'
        'Register-SsmDevice'
        'Set-SsmDeviceTransport'
        'Test-SsmDeviceConnectivity'
        'Unregister-SsmDevice'
        'Sync-SsmUsage'
        'Test-SsmRegistration'
        'Export-SsmRegistrationReport'
        'Get-SsmShard'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Cisco', 'SmartLicensing', 'SSM', 'OnPrem', 'Licensing', 'Network', 'PSEdition_Desktop', 'PSEdition_Core')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'See README.md.'
        }
    }
}
