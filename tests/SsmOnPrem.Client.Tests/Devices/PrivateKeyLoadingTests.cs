using System;
using System.IO;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Devices.Ssh;
using Xunit;

namespace SsmOnPrem.Client.Tests.Devices
{
    /// <summary>-KeyFilePath: every way a key cannot be used is KeyFileInvalid (or the more specific id), never a generic error.</summary>
    public class PrivateKeyLoadingTests : IDisposable
    {
        private static readonly string EncryptedPem = Path.Combine(AppContext.BaseDirectory, "fixtures", "keys", "rsa-pem-encrypted");
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ssm-keys-" + Guid.NewGuid().ToString("n"));

        public PrivateKeyLoadingTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
        }

        [Fact]
        public void OpensWithTheRightPassphrase()
        {
            Assert.NotNull(SshConnector.LoadKey(EncryptedPem, "fixture-pass"));
        }

        [Theory]
        [InlineData("wrong-1")]   // the usual case: the decrypted padding is wrong (CryptographicException)
        [InlineData("wrong-200")] // about 1 in 300: the padding looks right and the parser meets random bytes (AsnContentException, on .NET 8+)
        public void AWrongPassphraseIsKeyFileInvalid(string passphrase)
        {
            var ex = Assert.Throws<DeviceException>(() => SshConnector.LoadKey(EncryptedPem, passphrase));
            Assert.Equal(DeviceErrorIds.KeyFileInvalid, ex.ErrorId);
            Assert.Equal(SsmErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains("passphrase is wrong", ex.Message);
            Assert.DoesNotContain(passphrase, ex.Message);
        }

        [Fact]
        public void AFileThatIsNoKeyIsKeyFileInvalid()
        {
            var path = Path.Combine(_dir, "not-a-key");
            File.WriteAllText(path, "hostname edge-1\n");
            var ex = Assert.Throws<DeviceException>(() => SshConnector.LoadKey(path, "any"));
            Assert.Equal(DeviceErrorIds.KeyFileInvalid, ex.ErrorId);
        }

        [Fact]
        public void AMissingFileIsKeyFileNotFound()
        {
            var ex = Assert.Throws<DeviceException>(() => SshConnector.LoadKey(Path.Combine(_dir, "absent"), "any"));
            Assert.Equal(DeviceErrorIds.KeyFileNotFound, ex.ErrorId);
        }
    }
}
