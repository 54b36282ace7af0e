/** Every GraphQL document the app sends, by feature. Names follow SPEC §4. */
import { gql } from 'urql';

// --- access ---------------------------------------------------------------------------------
export const LOGIN = gql`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      expiresAt
    }
  }
`;

export const ME = gql`
  query Me($locale: String!) {
    me {
      id
      username
      displayName
      roles
      menus(locale: $locale) {
        key
        title
        path
      }
    }
  }
`;

/** Which root fields and entity fields the deployed supergraph has (see capabilities.tsx). */
export const CAPABILITIES = gql`
  query Capabilities {
    __schema {
      queryType {
        fields {
          name
        }
      }
      mutationType {
        fields {
          name
        }
      }
      subscriptionType {
        fields {
          name
        }
      }
    }
    modelRequestType: __type(name: "ModelRequest") {
      fields {
        name
      }
    }
  }
`;

const USER_FIELDS = gql`
  fragment UserFields on User {
    id
    username
    displayName
    roles
    messengerId
    createdAt
  }
`;

export const USERS = gql`
  query Users {
    users {
      ...UserFields
    }
  }
  ${USER_FIELDS}
`;

export const CREATE_USER = gql`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...UserFields
    }
  }
  ${USER_FIELDS}
`;

export const ASSIGN_ROLES = gql`
  mutation AssignRoles($userId: ID!, $roles: [Role!]!) {
    assignRoles(userId: $userId, roles: $roles) {
      ...UserFields
    }
  }
  ${USER_FIELDS}
`;

// --- models ---------------------------------------------------------------------------------
const MODEL_SUMMARY = gql`
  fragment ModelSummary on ModelRequest {
    id
    name
    requestedBy
    state
    stage
    progress
    queuePosition
    createdAt
    updatedAt
    spec {
      dataset
      label
      algorithm
    }
  }
`;

const MODEL_DETAIL = gql`
  fragment ModelDetail on ModelRequest {
    ...ModelSummary
    description
    reason
    spec {
      features
      validationFraction
    }
    metrics {
      auc
      accuracy
      f1
      logLoss
      trainingRows
      validationRows
      durationMs
      featureImportance {
        feature
        importance
      }
    }
    history {
      state
      at
      by
      note
    }
  }
  ${MODEL_SUMMARY}
`;

export const MODEL_REQUESTS = gql`
  query ModelRequests($state: ModelState, $requestedBy: String, $first: Int, $after: String) {
    modelRequests(state: $state, requestedBy: $requestedBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ModelSummary
        }
      }
    }
  }
  ${MODEL_SUMMARY}
`;

export const MODEL_REQUEST = gql`
  query ModelRequest($id: ID!) {
    modelRequest(id: $id) {
      ...ModelDetail
    }
  }
  ${MODEL_DETAIL}
`;

/** The same request with the targets the targets subgraph contributes (only sent when it exists). */
export const MODEL_REQUEST_TARGETS = gql`
  query ModelRequestTargets($id: ID!) {
    modelRequest(id: $id) {
      id
      targets {
        id
        name
        state
        targetCount
        updatedAt
      }
    }
  }
`;

export const DATASETS = gql`
  query Datasets {
    datasets {
      name
      description
      rowCount
      labels
      columns {
        name
        type
      }
    }
  }
`;

export const REQUEST_MODEL = gql`
  mutation RequestModel($input: RequestModelInput!) {
    requestModel(input: $input) {
      ...ModelDetail
    }
  }
  ${MODEL_DETAIL}
`;

export const APPROVE_MODEL = gql`
  mutation ApproveModel($id: ID!) {
    approveModel(id: $id) {
      ...ModelSummary
    }
  }
  ${MODEL_SUMMARY}
`;

export const REJECT_MODEL = gql`
  mutation RejectModel($id: ID!, $reason: String!) {
    rejectModel(id: $id, reason: $reason) {
      ...ModelSummary
    }
  }
  ${MODEL_SUMMARY}
`;

export const CANCEL_MODEL = gql`
  mutation CancelModel($id: ID!) {
    cancelModel(id: $id) {
      ...ModelDetail
    }
  }
  ${MODEL_DETAIL}
`;

export const MODEL_CHANGED = gql`
  subscription ModelRequestChanged($id: ID) {
    modelRequestChanged(id: $id) {
      ...ModelDetail
    }
  }
  ${MODEL_DETAIL}
`;

// --- targets (SPEC §4; pages degrade while the subgraph is not deployed) --------------------
const TARGET_SUMMARY = gql`
  fragment TargetSummary on TargetRequest {
    id
    name
    requestedBy
    state
    progress
    targetCount
    createdAt
    updatedAt
    model {
      id
      name
    }
    criteria {
      topN
      minScore
    }
  }
`;

const TARGET_DETAIL = gql`
  fragment TargetDetail on TargetRequest {
    ...TargetSummary
    message
    reason
    scoreSummary {
      min
      max
      mean
      p50
      p90
    }
    dispatch {
      midasJobId
      state
      sent
      failed
      attempts
      lastError
    }
    history {
      state
      at
      by
      note
    }
  }
  ${TARGET_SUMMARY}
`;

export const TARGET_REQUESTS = gql`
  query TargetRequests($state: TargetState, $requestedBy: String, $modelRequestId: ID, $first: Int, $after: String) {
    targetRequests(state: $state, requestedBy: $requestedBy, modelRequestId: $modelRequestId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...TargetSummary
        }
      }
    }
  }
  ${TARGET_SUMMARY}
`;

export const TARGET_REQUEST = gql`
  query TargetRequest($id: ID!) {
    targetRequest(id: $id) {
      ...TargetDetail
    }
  }
  ${TARGET_DETAIL}
`;

export const TARGET_MEMBERS = gql`
  query TargetMembers($targetRequestId: ID!, $first: Int, $after: String) {
    targetMembers(targetRequestId: $targetRequestId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          customerId
          score
          rank
        }
      }
    }
  }
`;

export const REQUEST_TARGET = gql`
  mutation RequestTargetExtraction($input: RequestTargetInput!) {
    requestTargetExtraction(input: $input) {
      ...TargetDetail
    }
  }
  ${TARGET_DETAIL}
`;

export const APPROVE_TARGET = gql`
  mutation ApproveTarget($id: ID!) {
    approveTarget(id: $id) {
      ...TargetSummary
    }
  }
  ${TARGET_SUMMARY}
`;

export const REJECT_TARGET = gql`
  mutation RejectTarget($id: ID!, $reason: String!) {
    rejectTarget(id: $id, reason: $reason) {
      ...TargetSummary
    }
  }
  ${TARGET_SUMMARY}
`;

export const CANCEL_TARGET = gql`
  mutation CancelTarget($id: ID!) {
    cancelTarget(id: $id) {
      ...TargetDetail
    }
  }
  ${TARGET_DETAIL}
`;

export const TARGET_CHANGED = gql`
  subscription TargetRequestChanged($id: ID) {
    targetRequestChanged(id: $id) {
      ...TargetDetail
    }
  }
  ${TARGET_DETAIL}
`;

// --- notices (SPEC §4) ----------------------------------------------------------------------
const NOTICE_FIELDS = gql`
  fragment NoticeFields on Notice {
    id
    kind
    subjectType
    subjectId
    title
    body
    createdAt
    readAt
    messenger {
      state
      attempts
      lastError
    }
  }
`;

export const NOTICES = gql`
  query Notices($unreadOnly: Boolean, $first: Int, $after: String) {
    notices(unreadOnly: $unreadOnly, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...NoticeFields
        }
      }
    }
  }
  ${NOTICE_FIELDS}
`;

export const UNREAD_NOTICE_COUNT = gql`
  query UnreadNoticeCount {
    unreadNoticeCount
  }
`;

export const MARK_NOTICES_READ = gql`
  mutation MarkNoticesRead($ids: [ID!]) {
    markNoticesRead(ids: $ids)
  }
`;

export const NOTICE_RECEIVED = gql`
  subscription NoticeReceived {
    noticeReceived {
      ...NoticeFields
    }
  }
  ${NOTICE_FIELDS}
`;

export const MY_REQUESTS = gql`
  query MyRequests($kind: SubjectType, $first: Int, $after: String) {
    myRequests(kind: $kind, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          kind
          name
          state
          progress
          updatedAt
        }
      }
    }
  }
`;
