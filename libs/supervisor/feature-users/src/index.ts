export { UsersPage, USERS_PAGE_SIZE } from './lib/users-page/users-page';
export { UsersApi, type UsersQuery } from './lib/users-api';
