import { CreateScreen } from '@/screens/CreateScreen';

export default CreateScreen;
