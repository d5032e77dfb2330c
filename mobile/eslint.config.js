// ESLint (flat config): Expo's rules for React Native and TypeScript, Prettier for layout, and the
// layering of ARCHITECTURE.md: api/, theme/, lib/ and config/ import nothing from state/ or screens/.
const { defineConfig } = require('eslint/config');
const expo = require('eslint-config-expo/flat');
const prettier = require('eslint-config-prettier');

const upward = (from) => ({
  files: from,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['@/state/*', '@/state', '../state/*'],
            message: 'api, theme, lib and config sit below state/: pass what they need in.',
          },
          {
            group: ['@/screens/*', '../screens/*', '@/app/*'],
            message: 'lower layers do not import screens or routes.',
          },
        ],
      },
    ],
  },
});

module.exports = defineConfig([
  expo,
  prettier,
  { ignores: ['dist/*', 'node_modules/*', 'src/api/schema.generated.ts', 'e2e/screenshots/*'] },
  upward(['src/api/**', 'src/theme/**', 'src/lib/**', 'src/config/**']),
  {
    // The React Compiler's rules (new in eslint-plugin-react-hooks 6): warnings until the app adopts the
    // compiler; the classic rules of hooks stay errors.
    rules: {
      'react-hooks/refs': 'warn',
      'react-hooks/set-state-in-effect': 'warn',
      'react-hooks/globals': 'warn',
    },
  },
]);
