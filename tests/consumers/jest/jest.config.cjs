// The one line Jest needs for React components, as the package's README shows it.
module.exports = { testEnvironment: 'jsdom' }
