/** Component tests: jest-expo (iOS-flavoured React Native preset) + React Native Testing Library. */
module.exports = {
  preset: 'jest-expo',
  setupFilesAfterEnv: ['<rootDir>/src/test/setup.ts'],
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  transformIgnorePatterns: [
    'node_modules/(?!((jest-)?react-native|@react-native(-community)?|expo(nent)?|@expo(nent)?/.*|@expo-google-fonts/.*|react-navigation|@react-navigation/.*|@shopify/flash-list|react-native-svg|react-native-marked|marked|@jsamr/.*|github-slugger|html-entities|react-native-reanimated-table|@tanstack/.*|standard-navigation))',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/', '/dist/'],
  clearMocks: true,
  // a machine busy with the Java build can take longer than jest's default 5 s for a render-heavy test
  testTimeout: 20000,
};
